//! The variables of one page's template, in one flat table.
//!
//! `context! { site, t, page, chrome, ..extra }` would make a merged map: every variable a
//! page reads (a hundred or so) then builds a key value and searches both maps in turn,
//! which cost a page about as much as all of its own text. Here the page's variables sit
//! in one short list searched by name.

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use std::sync::Arc;

#[derive(Debug)]
pub(super) struct PageContext {
    /// Later entries win over earlier ones with the same name, as in a merged map.
    entries: Vec<(Arc<str>, Value)>,
}

impl PageContext {
    /// The shared variables, then the page's own (`extra`, a map) on top of them.
    pub(super) fn value<const N: usize>(shared: [(&str, Value); N], extra: &Value) -> Value {
        let mut entries: Vec<(Arc<str>, Value)> = Vec::with_capacity(24);
        entries.extend(shared.into_iter().map(|(k, v)| (Arc::from(k), v)));
        if let Ok(keys) = extra.try_iter() {
            for key in keys {
                if let (Some(name), Ok(value)) = (key.as_str(), extra.get_item(&key)) {
                    entries.push((Arc::from(name), value));
                }
            }
        }
        Value::from_object(PageContext { entries })
    }
}

impl Object for PageContext {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k.len() == key.len() && **k == *key)
            .map(|(_, v)| v.clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let mut keys: Vec<Value> = Vec::with_capacity(self.entries.len());
        for (k, _) in &self.entries {
            if !keys.iter().any(|x| x.as_str() == Some(k)) {
                keys.push(Value::from(k.as_ref()));
            }
        }
        Enumerator::Values(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    #[test]
    fn page_variables_win_and_every_name_is_found() {
        let extra = context! { record => "r", page => "own page" };
        let ctx = PageContext::value(
            [
                ("site", Value::from("s")),
                ("t", Value::from("t")),
                ("page", Value::from("shared page")),
                ("chrome", Value::from(())),
            ],
            &extra,
        );
        assert_eq!(ctx.get_attr("record").unwrap().as_str(), Some("r"));
        assert_eq!(ctx.get_attr("page").unwrap().as_str(), Some("own page"));
        assert_eq!(ctx.get_attr("site").unwrap().as_str(), Some("s"));
        assert!(ctx.get_attr("missing").unwrap().is_undefined());
        let mut env = minijinja::Environment::new();
        env.add_template("x", "{{ site }}/{{ page }}/{{ record }}/{{ missing }}")
            .unwrap();
        let out = env.get_template("x").unwrap().render(ctx.clone()).unwrap();
        assert_eq!(out, "s/own page/r/");
        assert_eq!(ctx.try_iter().unwrap().count(), 5);
    }
}
