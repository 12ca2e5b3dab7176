//! The stdio transport: `Content-Length` framed JSON-RPC. Unlike `lsp_server::Connection::stdio`,
//! a malformed message does not end the connection: it is logged to stderr, answered with a
//! JSON-RPC error, and reading goes on with the next message.

use std::io::{self, BufRead, Write};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message};
use serde_json::{json, Value};

/// One framed message read from the client, or why it could not be used.
#[derive(Debug)]
pub enum Incoming {
    /// A well-formed message.
    Message(Message),
    /// A message that was framed correctly but is not valid JSON-RPC; the error response (if
    /// one is owed) has already been sent.
    Malformed,
}

/// Reads framed messages from `input` until it ends, sending each to `to_server`; answers
/// malformed ones through `to_client`.
pub fn read_loop(mut input: impl BufRead, to_server: Sender<Incoming>, to_client: Sender<Value>) {
    loop {
        let body = match read_frame(&mut input) {
            Ok(Some(body)) => body,
            Ok(None) => return,
            Err(e) => {
                eprintln!("keelson-lsp: cannot read a message: {e}");
                if e.kind() == io::ErrorKind::InvalidData {
                    continue;
                }
                return;
            }
        };
        let incoming = match parse(&body) {
            Ok(msg) => Incoming::Message(msg),
            Err((id, code, message)) => {
                eprintln!("keelson-lsp: {message}");
                let _ = to_client.send(json!({
                    "jsonrpc": "2.0",
                    "id": id,
                    "error": {"code": code as i32, "message": message},
                }));
                Incoming::Malformed
            }
        };
        if to_server.send(incoming).is_err() {
            return;
        }
    }
}

/// Parses one body into a message, or the id, error code and message to answer with.
fn parse(body: &[u8]) -> Result<Message, (Value, ErrorCode, String)> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        (
            Value::Null,
            ErrorCode::ParseError,
            format!("malformed JSON in a message: {e}"),
        )
    })?;
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let invalid = |why: String| {
        (
            id.clone(),
            ErrorCode::InvalidRequest,
            format!("not a valid JSON-RPC message: {why}"),
        )
    };
    let shape_ok = match (value.get("method"), value.get("id")) {
        (Some(Value::String(_)), _) => true,
        (Some(_), _) => return Err(invalid("`method` is not a string".into())),
        (None, Some(_)) => value.get("result").is_some() || value.get("error").is_some(),
        (None, None) => false,
    };
    if !shape_ok {
        return Err(invalid("no `method`, and not a response".into()));
    }
    let msg = if value.get("method").is_some() && value.get("id").is_some() {
        serde_json::from_value(value).map(Message::Request)
    } else if value.get("method").is_some() {
        serde_json::from_value(value).map(Message::Notification)
    } else {
        serde_json::from_value(value).map(Message::Response)
    };
    msg.map_err(|e| invalid(e.to_string()))
}

/// Reads one `Content-Length` framed body. `Ok(None)` at the end of input.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(length) = length else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a message without a valid Content-Length header",
        ));
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

/// Writes every value from `from_server` to `output`, framed, until the channel closes or a
/// `null` value arrives.
pub fn write_loop(mut output: impl Write, from_server: Receiver<Value>) {
    for value in from_server {
        if value.is_null() {
            return;
        }
        let Ok(body) = serde_json::to_vec(&value) else {
            continue;
        };
        let ok = write!(output, "Content-Length: {}\r\n\r\n", body.len())
            .and_then(|()| output.write_all(&body))
            .and_then(|()| output.flush());
        if ok.is_err() {
            return;
        }
    }
}

/// A message as the JSON value the writer sends.
pub fn to_value(msg: Message) -> Value {
    serde_json::to_value(msg).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{}", body.len(), body)
    }

    #[test]
    fn a_malformed_body_is_answered_and_reading_goes_on() {
        let input = format!(
            "{}{}",
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
        );
        let (tx, rx) = crossbeam_channel::unbounded();
        let (ctx, crx) = crossbeam_channel::unbounded();
        read_loop(input.as_bytes(), tx, ctx);
        let got: Vec<Incoming> = rx.try_iter().collect();
        assert!(matches!(got.first(), Some(Incoming::Malformed)));
        assert!(
            matches!(got.get(1), Some(Incoming::Message(Message::Notification(n))) if n.method == "initialized")
        );
        let errors: Vec<Value> = crx.try_iter().collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0]["error"]["code"], json!(-32700));
        assert_eq!(errors[0]["id"], Value::Null);
    }

    #[test]
    fn a_request_missing_its_method_is_an_invalid_request_with_its_id() {
        let input = frame(r#"{"jsonrpc":"2.0","id":7,"method":5,"params":{}}"#);
        let (tx, _rx) = crossbeam_channel::unbounded();
        let (ctx, crx) = crossbeam_channel::unbounded();
        read_loop(input.as_bytes(), tx, ctx);
        let errors: Vec<Value> = crx.try_iter().collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0]["id"], json!(7));
        assert_eq!(errors[0]["error"]["code"], json!(-32600));
    }
}
