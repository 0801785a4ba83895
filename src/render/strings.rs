//! The theme's UI strings as a template value that looks keys up by hash.
//!
//! Every page reads dozens of them (`t.ui.name`, `t.subjects[r.subject]`); as plain maps
//! converted from TOML each lookup was a B-tree search comparing template values. Here each
//! table keeps its entries in key order (so iterating stays deterministic, as before) with a
//! hash index beside them.

use crate::render::FastHasher;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde, Value};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

/// A string-keyed table.
#[derive(Debug)]
struct Table {
    entries: Vec<(String, Value)>,
    index: HashMap<String, usize, BuildHasherDefault<FastHasher>>,
}

impl Object for Table {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.index.get(key).map(|&i| self.entries[i].1.clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(
            self.entries
                .iter()
                .map(|(k, _)| Value::from(k.as_str()))
                .collect(),
        )
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// Converts the strings file: tables become hash-indexed maps, everything else stays
/// what the TOML gives.
pub(super) fn to_value(v: &toml::Value) -> Value {
    match v {
        toml::Value::Table(t) => table(t),
        other => Value::from(Serde(other)),
    }
}

/// A TOML table as a hash-indexed map, entries in key order.
pub(super) fn table(t: &toml::Table) -> Value {
    let mut entries: Vec<(String, Value)> =
        t.iter().map(|(k, v)| (k.clone(), to_value(v))).collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let index = entries
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.clone(), i))
        .collect();
    Value::from_object(Table { entries, index })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_nested_keys_and_iterates_in_key_order() {
        let t: toml::Table = toml::from_str(
            "[ui]\nname = \"Họ và tên\"\nform = \"Hình thức\"\n[kinds]\nb = 2\na = 1\n",
        )
        .unwrap();
        let v = table(&t);
        let mut env = minijinja::Environment::new();
        env.add_template(
            "x",
            "{{ t.ui.name }}|{{ t['ui']['form'] }}|{% for k, n in t.kinds|items %}{{ k }}{{ n }}{% endfor %}|{{ t.ui.missing is undefined }}|{{ t.ui|length }}",
        )
        .unwrap();
        let out = env
            .get_template("x")
            .unwrap()
            .render(minijinja::context! { t => v })
            .unwrap();
        assert_eq!(out, "Họ và tên|Hình thức|a1b2|True|2");
    }
}
