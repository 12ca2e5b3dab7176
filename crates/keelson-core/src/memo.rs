//! A per-lint memo by index: what the rules of one lint share so that it is computed once
//! (the lexed commands of each `RUN` step, the secret tokens of each file).

use std::cell::RefCell;
use std::rc::Rc;

/// Values computed at most once per index during one lint.
pub(crate) struct IndexMemo<T: ?Sized>(RefCell<Vec<Option<Rc<T>>>>);

impl<T: ?Sized> Default for IndexMemo<T> {
    fn default() -> Self {
        IndexMemo(RefCell::new(Vec::new()))
    }
}

impl<T: ?Sized> IndexMemo<T> {
    /// The value at `index`, computed by `compute` the first time it is asked for.
    pub(crate) fn get_or_compute(&self, index: usize, compute: impl FnOnce() -> Rc<T>) -> Rc<T> {
        if let Some(hit) = self.0.borrow().get(index).and_then(Option::as_ref) {
            return Rc::clone(hit);
        }
        let value = compute();
        let mut memo = self.0.borrow_mut();
        if memo.len() <= index {
            memo.resize(index + 1, None);
        }
        if let Some(slot) = memo.get_mut(index) {
            *slot = Some(Rc::clone(&value));
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::IndexMemo;

    #[test]
    fn computes_each_index_once_in_any_order() {
        let memo: IndexMemo<str> = IndexMemo::default();
        let calls = Cell::new(0);
        let get = |i: usize| {
            memo.get_or_compute(i, || {
                calls.set(calls.get() + 1);
                Rc::from(i.to_string())
            })
        };
        assert_eq!(&*get(3), "3");
        assert_eq!(&*get(0), "0");
        assert_eq!(&*get(3), "3");
        assert_eq!(calls.get(), 2);
    }
}
