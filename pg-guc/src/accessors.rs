//! Typed handles for the built-in settings (the constants in [`crate::vars`]).
//!
//! PostgreSQL's C code reads a setting through the global variable behind it
//! (`work_mem`, `DateStyle`); the handles are that for this registry: a
//! handle names a built-in setting that exists, knows its type, and reads the
//! current value without a name lookup and without a fallback default that
//! could drift from the table. Built-in settings keep their table index for
//! the life of the process (custom settings are only ever appended).

use crate::guc::with_builtin_value;
use crate::GucValue;

macro_rules! handle {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name {
            index: usize,
            name: &'static str,
        }

        impl $name {
            /// The handle of built-in setting number `index` (generated code only).
            pub(crate) const fn new(index: usize, name: &'static str) -> Self {
                $name { index, name }
            }

            /// The setting's canonical name.
            pub fn name(self) -> &'static str {
                self.name
            }
        }
    };
}

handle!(
    /// A built-in Boolean setting.
    BoolVar
);
handle!(
    /// A built-in integer setting; `get` returns the value in its base unit
    /// (work_mem in kB, statement_timeout in ms, shared_buffers in blocks).
    IntVar
);
handle!(
    /// A built-in real setting, in its base unit.
    RealVar
);
handle!(
    /// A built-in string setting.
    StringVar
);
handle!(
    /// A built-in enum setting: `get` is the stored number (message levels are
    /// [`crate::elevel`] numbers, isolation levels `XACT_*`), `label` its name.
    EnumVar
);

fn type_bug(name: &str) -> ! {
    unreachable!("built-in setting \"{name}\" changed type: the generated table and the registry disagree")
}

impl BoolVar {
    /// The current value.
    pub fn get(self) -> bool {
        with_builtin_value(self.index, self.name, |v| match v {
            GucValue::Bool(b) => *b,
            _ => type_bug(self.name),
        })
    }
}

impl IntVar {
    /// The current value in the setting's base unit.
    pub fn get(self) -> i32 {
        with_builtin_value(self.index, self.name, |v| match v {
            GucValue::Int(i) => *i,
            _ => type_bug(self.name),
        })
    }
}

impl RealVar {
    /// The current value in the setting's base unit.
    pub fn get(self) -> f64 {
        with_builtin_value(self.index, self.name, |v| match v {
            GucValue::Real(r) => *r,
            _ => type_bug(self.name),
        })
    }
}

impl StringVar {
    /// The current value (empty for a NULL value).
    pub fn get(self) -> String {
        with_builtin_value(self.index, self.name, |v| match v {
            GucValue::String(s) => s.clone(),
            _ => type_bug(self.name),
        })
    }
}

impl EnumVar {
    /// The current value's stored number.
    pub fn get(self) -> i32 {
        with_builtin_value(self.index, self.name, |v| match v {
            GucValue::Enum(e) => *e,
            _ => type_bug(self.name),
        })
    }

    /// The current value's name (`notice`, `read committed`).
    pub fn label(self) -> &'static str {
        crate::guc::builtin_enum_label(self.index, self.name)
    }
}
