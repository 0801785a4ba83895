//! A fast reader for the plain TOML that front matter is written in: bare keys, basic and
//! literal strings, integers, booleans, dates, arrays, and `[table]` / `[[array]]` headers.
//!
//! It never reports an error. Anything outside that subset (multi-line strings, inline
//! tables, dotted keys, floats, times, `\u` escapes…), anything TOML forbids (a key
//! written twice, a table defined twice…) and any value the record type rejects gives
//! `None`, and the caller reads the text again with the `toml` crate, which gives the clerk
//! its exact message and position. When it does give a value, it is the value `toml`
//! would give (the tests compare both on valid, invalid and mutated documents).
//!
//! Why: the `toml` crate builds a spanned document tree before deserialising and costs
//! about 100,000 instructions for a 1.5 KB front matter, a tenth of a whole build; this
//! reader deserialises from a flat list of borrowed values at a fraction of that.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess};
use serde::de::{value::StrDeserializer, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Deserialises `src` if it is plain TOML that `T` accepts; `None` otherwise.
pub(crate) fn from_str<T: DeserializeOwned>(src: &str) -> Option<T> {
    let root = Parser {
        src,
        i: 0,
        depth: 0,
    }
    .document()?;
    T::deserialize(Val(&Value::Table(root))).ok()
}

/// The name under which `toml` hands a date to serde (as a one-entry map).
const DATETIME_KEY: &str = "$__toml_private_datetime";

enum Value<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Bool(bool),
    /// `YYYY-MM-DD` exactly (a time or offset after it is left to `toml`).
    Date(&'a str),
    Array(Vec<Value<'a>>),
    Table(Table<'a>),
    /// An array of tables, made by `[[name]]` headers; every item is a `Table`.
    Tables(Vec<Value<'a>>),
}

/// Keys in document order (a front matter has a few dozen at most: a scan beats a map).
type Table<'a> = Vec<(&'a str, Value<'a>)>;

fn entry<'t, 'a>(table: &'t mut Table<'a>, key: &str) -> Option<&'t mut Value<'a>> {
    table.iter_mut().find(|(k, _)| *k == key).map(|(_, v)| v)
}

/// Arrays nested deeper than this are left to `toml` (which has its own limit and says
/// where): the reader is recursive, and 100,000 `[` overflowed its stack.
const MAX_DEPTH: usize = 32;

struct Parser<'a> {
    src: &'a str,
    i: usize,
    /// Arrays open around the current value.
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.i).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.src.as_bytes().get(self.i + ahead).copied()
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.i += 1)
    }

    /// At `#`: skips the comment up to (not including) the end of the line.
    fn comment(&mut self) -> Option<()> {
        let rest = &self.src.as_bytes()[self.i..];
        let n = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        if rest[..n].iter().any(|&b| is_control(b) && b != b'\t') {
            return None;
        }
        self.i += n;
        Some(())
    }

    /// After a value or a header: spaces, maybe a comment, then the end of the line.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_spaces();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.i += 1;
                Some(())
            }
            Some(_) => None,
        }
    }

    /// Spaces, line ends and comments between the items of an array.
    fn skip_array_space(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n') => self.i += 1,
                Some(b'#') => self.comment()?,
                _ => return Some(()),
            }
        }
    }

    fn bare_key(&mut self) -> Option<&'a str> {
        let start = self.i;
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.i += 1;
        }
        (self.i > start).then(|| &self.src[start..self.i])
    }

    fn document(mut self) -> Option<Table<'a>> {
        let mut root: Table<'a> = Vec::new();
        // The table that `key = value` lines go to: the root, or the last header's.
        let mut current: Option<&'a str> = None;
        loop {
            self.skip_spaces();
            match self.peek() {
                None => return Some(root),
                Some(b'\n') => self.i += 1,
                Some(b'#') => self.comment()?,
                Some(b'[') => {
                    self.i += 1;
                    let array = self.peek() == Some(b'[');
                    if array {
                        self.i += 1;
                    }
                    let name = self.bare_key()?;
                    self.expect(b']')?;
                    if array {
                        self.expect(b']')?;
                    }
                    self.end_of_line()?;
                    match entry(&mut root, name) {
                        None if array => {
                            root.push((name, Value::Tables(vec![Value::Table(Vec::new())])))
                        }
                        None => root.push((name, Value::Table(Vec::new()))),
                        Some(Value::Tables(items)) if array => items.push(Value::Table(Vec::new())),
                        // A table or key defined twice, or `[[x]]` after `x = [...]`.
                        Some(_) => return None,
                    }
                    current = Some(name);
                }
                Some(_) => {
                    let key = self.bare_key()?;
                    self.skip_spaces();
                    self.expect(b'=')?;
                    self.skip_spaces();
                    let value = self.value()?;
                    self.end_of_line()?;
                    let table = match current {
                        None => &mut root,
                        Some(name) => match entry(&mut root, name)? {
                            Value::Table(t) => t,
                            Value::Tables(items) => match items.last_mut()? {
                                Value::Table(t) => t,
                                _ => return None,
                            },
                            _ => return None,
                        },
                    };
                    if entry(table, key).is_some() {
                        return None;
                    }
                    table.push((key, value));
                }
            }
        }
    }

    fn value(&mut self) -> Option<Value<'a>> {
        match self.peek()? {
            b'"' => self.basic_string().map(Value::Str),
            b'\'' => self.literal_string().map(|s| Value::Str(Cow::Borrowed(s))),
            b't' => self.word("true").map(|()| Value::Bool(true)),
            b'f' => self.word("false").map(|()| Value::Bool(false)),
            b'[' => self.array(),
            b'0'..=b'9' | b'+' | b'-' => self.number_or_date(),
            _ => None,
        }
    }

    /// Whether the byte after a bare value ends it (a `#` right after is left to `toml`).
    fn ends_value(byte: Option<u8>) -> bool {
        matches!(byte, None | Some(b' ' | b'\t' | b'\n' | b',' | b']'))
    }

    fn word(&mut self, w: &str) -> Option<()> {
        let rest = &self.src[self.i..];
        if !rest.starts_with(w) || !Self::ends_value(rest.as_bytes().get(w.len()).copied()) {
            return None;
        }
        self.i += w.len();
        Some(())
    }

    fn array(&mut self) -> Option<Value<'a>> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let items = self.array_items();
        self.depth -= 1;
        items
    }

    fn array_items(&mut self) -> Option<Value<'a>> {
        self.i += 1;
        let mut items = Vec::new();
        loop {
            self.skip_array_space()?;
            if self.peek()? == b']' {
                self.i += 1;
                return Some(Value::Array(items));
            }
            items.push(self.value()?);
            self.skip_array_space()?;
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(Value::Array(items));
                }
                _ => return None,
            }
        }
    }

    fn basic_string(&mut self) -> Option<Cow<'a, str>> {
        let b = self.src.as_bytes();
        self.i += 1;
        if self.peek() == Some(b'"') && self.peek_at(1) == Some(b'"') {
            return None; // """multi-line"""
        }
        let mut owned: Option<String> = None;
        let mut run = self.i;
        loop {
            match *b.get(self.i)? {
                b'"' => {
                    let tail = &self.src[run..self.i];
                    self.i += 1;
                    return Some(match owned {
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                        None => Cow::Borrowed(tail),
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.src[run..self.i]);
                    s.push(match *b.get(self.i + 1)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        _ => return None, // \u, \U, \e, \x and invalid escapes: `toml` decides
                    });
                    self.i += 2;
                    run = self.i;
                }
                c if is_control(c) && c != b'\t' => return None,
                _ => self.i += 1,
            }
        }
    }

    fn literal_string(&mut self) -> Option<&'a str> {
        self.i += 1;
        if self.peek() == Some(b'\'') && self.peek_at(1) == Some(b'\'') {
            return None; // '''multi-line'''
        }
        let start = self.i;
        loop {
            match self.peek()? {
                b'\'' => {
                    self.i += 1;
                    return Some(&self.src[start..self.i - 1]);
                }
                c if is_control(c) && c != b'\t' => return None,
                _ => self.i += 1,
            }
        }
    }

    fn number_or_date(&mut self) -> Option<Value<'a>> {
        let rest = &self.src.as_bytes()[self.i..];
        let digits = |r: std::ops::Range<usize>| {
            rest.get(r)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        };
        if digits(0..4)
            && rest.get(4) == Some(&b'-')
            && digits(5..7)
            && rest.get(7) == Some(&b'-')
            && digits(8..10)
        {
            // A local date alone; `2024-01-01T08:00`, `2024-01-01 08:00` and offsets are
            // datetimes, left to `toml`.
            let time_follows =
                rest.get(10) == Some(&b' ') && rest.get(11).is_some_and(u8::is_ascii_digit);
            if time_follows || !Self::ends_value(rest.get(10).copied()) {
                return None;
            }
            let date = &self.src[self.i..self.i + 10];
            self.i += 10;
            return Some(Value::Date(date));
        }
        let sign = usize::from(matches!(rest[0], b'+' | b'-'));
        let n = rest[sign..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        // No digits, a leading zero, or a float, hex, `_` separator…: `toml` decides.
        if n == 0 || (n > 1 && rest[sign] == b'0') || !Self::ends_value(rest.get(sign + n).copied())
        {
            return None;
        }
        let text = &self.src[self.i..self.i + sign + n];
        let value = text.parse::<i64>().ok()?;
        self.i += sign + n;
        Some(Value::Int(value))
    }
}

/// Control characters TOML forbids in strings and comments (tab is allowed in both).
fn is_control(b: u8) -> bool {
    b < 0x20 || b == 0x7f
}

/// Why the fast reader gave up; never shown (the `toml` crate then reads the text).
#[derive(Debug)]
struct Reject;

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not plain TOML")
    }
}

impl std::error::Error for Reject {}

impl de::Error for Reject {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Reject
    }
}

fn str_de(s: &str) -> StrDeserializer<'_, Reject> {
    s.into_deserializer()
}

struct Val<'v, 'a>(&'v Value<'a>);

impl<'de> de::Deserializer<'de> for Val<'_, '_> {
    type Error = Reject;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Reject> {
        match self.0 {
            Value::Str(s) => v.visit_str(s),
            Value::Int(n) => v.visit_i64(*n),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Date(d) => v.visit_map(DateMap(Some(d))),
            Value::Array(items) | Value::Tables(items) => v.visit_seq(Seq(items.iter())),
            Value::Table(t) => v.visit_map(Map {
                entries: t.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Reject> {
        v.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, Reject> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Reject> {
        match self.0 {
            Value::Str(s) => v.visit_enum(str_de(s)),
            _ => Err(Reject),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Seq<'v, 'a>(std::slice::Iter<'v, Value<'a>>);

impl<'de> SeqAccess<'de> for Seq<'_, '_> {
    type Error = Reject;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Reject> {
        self.0.next().map(|v| seed.deserialize(Val(v))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Map<'v, 'a> {
    entries: std::slice::Iter<'v, (&'a str, Value<'a>)>,
    value: Option<&'v Value<'a>>,
}

impl<'de> MapAccess<'de> for Map<'_, '_> {
    type Error = Reject;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Reject> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(str_de(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Reject> {
        seed.deserialize(Val(self.value.take().ok_or(Reject)?))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A date, handed over as `toml` does: a one-entry map from a private key to its text.
struct DateMap<'a>(Option<&'a str>);

impl<'de> MapAccess<'de> for DateMap<'_> {
    type Error = Reject;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Reject> {
        match self.0 {
            Some(_) => seed.deserialize(str_de(DATETIME_KEY)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Reject> {
        seed.deserialize(str_de(self.0.take().ok_or(Reject)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast reader must give what `toml` gives, or nothing.
    fn agrees(doc: &str) -> bool {
        let fast = from_str::<toml::Table>(doc);
        let slow = toml::from_str::<toml::Table>(doc);
        match (fast, slow) {
            (Some(f), Ok(s)) => {
                assert_eq!(f, s, "different values for:\n{doc}");
                true
            }
            (Some(f), Err(e)) => panic!("accepted what toml rejects ({e}):\n{doc}\n→ {f:?}"),
            (None, _) => false,
        }
    }

    const RECORD: &str = r#"number = "102/QĐ-UBND"
title = "Về việc công nhận danh hiệu \"Gia đình văn hóa\" năm 2015"
date = 2015-12-19 # ngày ký
issuer = 'ubnd-xa'
empty = ""
fields = ["van-hoa", "nong-thon-moi",]
years = [
  2014, # cũ
  -2015,
  +0,
]
year = 2015
draft = false
consent = true
	tabbed	=	"a	b"

[[recipients]]
name = "Hộ bà Đỗ Thúy Thủy"
amount = 500000

[[recipients]] # hai
name = "Hộ bà Phạm Thị Hường"
path = 'C:\hồ sơ\a.pdf'

[extra]
note = "dòng 1\ndòng 2\t\\ \r\b\f"
"#;

    #[test]
    fn reads_plain_front_matter_as_toml_does() {
        assert!(agrees(RECORD));
        assert!(agrees(""));
        assert!(agrees("# only a comment\n\n"));
        assert!(agrees("a = 1"));
        assert!(agrees("a = []\nb = [[1, 2], ['x']]\n"));
        assert!(agrees("d = 2024-02-29 \n"));
        assert!(agrees(&format!(
            "a = {}{}\n",
            "[".repeat(32),
            "]".repeat(32)
        )));
    }

    #[test]
    fn leaves_everything_else_to_toml() {
        for doc in [
            "a = 1\na = 2\n",                                       // duplicate key
            "[t]\n[t]\n",                                           // table twice
            "x = []\n[[x]]\n",                                      // static array extended
            "[[x]]\n[x]\n",                                         // array then table
            "a = \"\\u00e9\"\n",                                    // \u escape
            "a = \"\\q\"\n",                                        // invalid escape
            "a = \"\"\"x\"\"\"\n",                                  // multi-line
            "a = '''x'''\n",                                        // multi-line literal
            "a = { b = 1 }\n",                                      // inline table
            "a.b = 1\n",                                            // dotted key
            "\"a\" = 1\n",                                          // quoted key
            "a = 1.5\n",                                            // float
            "a = 1_000\n",                                          // separator
            "a = 0x1f\n",                                           // hex
            "a = 007\n",                                            // leading zero
            "a = 2024-01-01T08:00:00\n",                            // datetime
            "a = 2024-01-01 08:00:00\n",                            // datetime with a space
            "a = 08:00:00\n",                                       // time
            "a = inf\n",                                            // special float
            "a = 99999999999999999999\n",                           // overflow
            "a = \"x\" b = 1\n",                                    // two pairs on a line
            "a = \"unterminated\n",                                 // no closing quote
            "a = \"x\u{1}\"\n",                                     // control character
            "a = 1 # bell \u{7}\n", // control character in a comment
            "a = truex\n",          // not a boolean
            "a = [1 2]\n",          // no comma
            "a = [,]\n",            // empty item
            "a =\n",                // no value
            "[ t ]\n",              // spaces in a header
            "[a.b]\n",              // dotted header
            &format!("a = {}{}\n", "[".repeat(33), "]".repeat(33)), // nested too deep
        ] {
            assert!(!agrees(doc), "should be left to toml:\n{doc}");
        }
    }

    #[test]
    fn mutated_documents_never_disagree() {
        // Every one-byte deletion and a few insertions at every position of a realistic
        // record: each result is either what `toml` gives or left to it.
        let doc = RECORD;
        let mut accepted = 0;
        let boundaries: Vec<usize> = (0..=doc.len())
            .filter(|&i| doc.is_char_boundary(i))
            .collect();
        for w in boundaries.windows(2) {
            let (i, j) = (w[0], w[1]);
            accepted += usize::from(agrees(&format!("{}{}", &doc[..i], &doc[j..])));
            for ins in [
                "\"", "'", "#", "\n", "=", "[", "]", ",", " ", "\\", "0", "-", "T", ":", ".",
            ] {
                accepted += usize::from(agrees(&format!("{}{ins}{}", &doc[..i], &doc[i..])));
            }
        }
        // Most mutations of a comment, a string or whitespace still read fast.
        assert!(accepted > 1000, "only {accepted} mutations read fast");
    }

    #[test]
    fn dates_reach_the_date_type_and_strings_refuse_them() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct R {
            date: crate::date::Date,
            title: String,
        }
        let r: R = from_str("date = 2024-12-20\ntitle = \"x\"\n").unwrap();
        assert_eq!(r.date, crate::date::Date::parse("2024-12-20").unwrap());
        // A date where a string belongs is an error, as with `toml`.
        assert!(from_str::<R>("date = 2024-12-20\ntitle = 2024-12-20\n").is_none());
        assert!(toml::from_str::<R>("date = 2024-12-20\ntitle = 2024-12-20\n").is_err());
    }

    #[test]
    fn the_demo_site_reads_fast() {
        // The speed-up is only real if the front matter clerks write takes the fast path.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut read = 0;
        for entry in walkdir::WalkDir::new(root) {
            let path = entry.unwrap().into_path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let source = crate::source::split(&path, text).unwrap();
            if source.format == crate::source::Format::Toml {
                assert!(
                    agrees(source.front_matter()),
                    "{} is not read fast",
                    path.display()
                );
                read += 1;
            }
        }
        assert!(read >= 40, "only {read} TOML front matters");
    }

    #[test]
    fn deep_nesting_is_left_to_toml_without_overflowing() {
        // 100,000 `[` once overflowed the stack (a crash, exit 134).
        for n in [33, 20_000, 100_000] {
            let doc = format!("a = {}{}\n", "[".repeat(n), "]".repeat(n));
            assert!(from_str::<toml::Table>(&doc).is_none());
            let doc = format!("a = {}\n", "[".repeat(n));
            assert!(from_str::<toml::Table>(&doc).is_none());
        }
    }
}
