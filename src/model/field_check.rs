//! The field rules of [`validate_fields`] checked on a record as it is,
//! through its serde form, without making a JSON map of it: as the record
//! serializes, each field's value is seen as JSON would hold it (empty or not,
//! and its text) and judged by the same [`judge`]. An import validates every
//! record in its plan and again in the store, which guards every write; at
//! 100,000 rows the JSON maps cost more than the rules themselves.

use super::error::{FieldError, Problem};
use super::fields::{judge, specs, validate_fields, FieldSpec};
use super::kind::Kind;
use super::record::to_map;
use serde::ser::{self, Impossible, Serialize};
use std::fmt;

/// The same errors, in the same order, as `validate_fields(kind, &to_map(data))`.
pub fn field_errors<T: Serialize>(kind: Kind, data: &T) -> Vec<FieldError> {
    let specs = specs(kind);
    let mut record = Fields { specs, verdicts: vec![None; specs.len()] };
    if data.serialize(&mut record).is_err() {
        // Not a plain struct: the JSON form says what it says.
        return validate_fields(kind, &to_map(data));
    }
    let absent = |spec: &FieldSpec| judge(spec, true, "");
    specs
        .iter()
        .zip(record.verdicts)
        .filter_map(|(spec, verdict)| {
            verdict.unwrap_or_else(|| absent(spec)).map(|p| FieldError::new(kind, spec.name, p))
        })
        .collect()
}

/// Anything the typed check does not follow; the caller falls back to JSON.
#[derive(Debug)]
pub struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a plain record")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// A record's fields, each judged as it goes by: `verdicts[i]` is `None`
/// until the field of `specs[i]` is seen.
struct Fields {
    specs: &'static [FieldSpec],
    verdicts: Vec<Option<Option<Problem>>>,
}

/// Only a struct is a record; anything else is [`Unsupported`].
macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Unsupported> { Err(Unsupported) })*
    };
}

impl ser::Serializer for &mut Fields {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Unsupported> {
        Ok(self)
    }

    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
}

impl ser::SerializeStruct for &mut Fields {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported> {
        // Fields without a spec (derived or internal) have no field rules.
        if let Some(i) = self.specs.iter().position(|s| s.name == key) {
            self.verdicts[i] = Some(value.serialize(Value { spec: &self.specs[i] })?);
        }
        Ok(())
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

/// One field's value, judged as JSON would hold it: `None` and `()` as null,
/// numbers and booleans as neither empty nor text, lists and structs as empty
/// when they have no items.
struct Value<'a> {
    spec: &'a FieldSpec,
}

impl Value<'_> {
    fn not_text(&self) -> Result<Option<Problem>, Unsupported> {
        Ok(judge(self.spec, false, ""))
    }

    fn null(&self) -> Result<Option<Problem>, Unsupported> {
        Ok(judge(self.spec, true, ""))
    }
}

/// Items of a list or a struct inside a field, counted: only whether there are any matters.
struct Items<'a> {
    spec: &'a FieldSpec,
    count: usize,
}

impl<'a> Items<'a> {
    /// Items of `spec`'s value, `count` of them already known.
    fn of(spec: &'a FieldSpec, count: usize) -> Result<Items<'a>, Unsupported> {
        Ok(Items { spec, count })
    }

    fn item(&mut self) -> Result<(), Unsupported> {
        self.count += 1;
        Ok(())
    }

    fn judged(self) -> Result<Option<Problem>, Unsupported> {
        Ok(judge(self.spec, self.count == 0, ""))
    }
}

macro_rules! not_text {
    ($($method:ident($arg:ty);)*) => {
        $(fn $method(self, _: $arg) -> Result<Option<Problem>, Unsupported> { self.not_text() })*
    };
}

impl<'a> ser::Serializer for Value<'a> {
    type Ok = Option<Problem>;
    type Error = Unsupported;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Items<'a>;
    type SerializeTupleStruct = Items<'a>;
    type SerializeTupleVariant = Items<'a>;
    type SerializeMap = Items<'a>;
    type SerializeStruct = Items<'a>;
    type SerializeStructVariant = Items<'a>;

    not_text! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
    }

    fn serialize_f32(self, v: f32) -> Result<Option<Problem>, Unsupported> {
        self.serialize_f64(f64::from(v))
    }

    /// JSON has no infinity or NaN: they become null.
    fn serialize_f64(self, v: f64) -> Result<Option<Problem>, Unsupported> {
        if v.is_finite() {
            self.not_text()
        } else {
            self.null()
        }
    }

    fn serialize_char(self, v: char) -> Result<Option<Problem>, Unsupported> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<Option<Problem>, Unsupported> {
        Ok(judge(self.spec, v.trim().is_empty(), v))
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<Option<Problem>, Unsupported> {
        Ok(judge(self.spec, v.is_empty(), ""))
    }

    fn serialize_none(self) -> Result<Option<Problem>, Unsupported> {
        self.null()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Option<Problem>, Unsupported> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Option<Problem>, Unsupported> {
        self.null()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<Option<Problem>, Unsupported> {
        self.null()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Option<Problem>, Unsupported> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Option<Problem>, Unsupported> {
        value.serialize(self)
    }

    /// `{"variant": value}`: an object with one entry.
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Option<Problem>, Unsupported> {
        self.not_text()
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, Unsupported> {
        Items::of(self.spec, 0)
    }

    fn serialize_tuple(self, _: usize) -> Result<Items<'a>, Unsupported> {
        Items::of(self.spec, 0)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Items<'a>, Unsupported> {
        Items::of(self.spec, 0)
    }

    /// `{"variant": [...]}`: never empty.
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Items<'a>, Unsupported> {
        Items::of(self.spec, 1)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Items<'a>, Unsupported> {
        Items::of(self.spec, 0)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Items<'a>, Unsupported> {
        Items::of(self.spec, 0)
    }

    /// `{"variant": {...}}`: never empty.
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Items<'a>, Unsupported> {
        Items::of(self.spec, 1)
    }
}

/// Every compound of a field's value counts its items the same way; serde
/// asks for one trait per kind of compound, with the item method named as
/// the compound names it.
macro_rules! items_counted {
    ($($trait:ident :: $method:ident ($($name:ty)?)),* $(,)?) => {$(
        impl ser::$trait for Items<'_> {
            type Ok = Option<Problem>;
            type Error = Unsupported;
            fn $method<T: ?Sized + Serialize>(&mut self, $(_: $name,)? _: &T) -> Result<(), Unsupported> {
                self.item()
            }
            fn end(self) -> Result<Option<Problem>, Unsupported> {
                self.judged()
            }
        }
    )*};
}

items_counted!(
    SerializeSeq::serialize_element(),
    SerializeTuple::serialize_element(),
    SerializeTupleStruct::serialize_field(),
    SerializeTupleVariant::serialize_field(),
    SerializeStruct::serialize_field(&'static str),
    SerializeStructVariant::serialize_field(&'static str),
);

/// A map's items are its values; its keys are not counted.
impl ser::SerializeMap for Items<'_> {
    type Ok = Option<Problem>;
    type Error = Unsupported;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, _: &T) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, _: &T) -> Result<(), Unsupported> {
        self.item()
    }
    fn end(self) -> Result<Option<Problem>, Unsupported> {
        self.judged()
    }
}

#[cfg(test)]
mod tests;
