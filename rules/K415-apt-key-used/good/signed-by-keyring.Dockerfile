FROM debian:bookworm
RUN install -d -m 0755 /etc/apt/keyrings \
 && curl -fsSL https://download.example.com/apt/key.asc | gpg --dearmor -o /etc/apt/keyrings/example.gpg \
 && echo "deb [signed-by=/etc/apt/keyrings/example.gpg] https://download.example.com/apt stable main" \
      > /etc/apt/sources.list.d/example.list
