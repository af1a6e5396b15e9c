//! Units of integer and real settings: parsing `128MB`, `1min`, `1500us` into a
//! setting's base unit and choosing the best unit for SHOW (guc.c's
//! `convert_to_base_unit` / `convert_int_from_base_unit`).

/// The base unit a numeric setting is stored in (PostgreSQL's `GUC_UNIT_*` flags).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GucUnit {
    /// A plain number.
    None,
    /// Bytes (`GUC_UNIT_BYTE`).
    Bytes,
    /// Kilobytes (`GUC_UNIT_KB`).
    Kilobytes,
    /// 8 kB disk blocks (`GUC_UNIT_BLOCKS`), e.g. `shared_buffers`.
    Blocks,
    /// Megabytes (`GUC_UNIT_MB`).
    Megabytes,
    /// Milliseconds (`GUC_UNIT_MS`).
    Milliseconds,
    /// Seconds (`GUC_UNIT_S`).
    Seconds,
    /// Minutes (`GUC_UNIT_MIN`).
    Minutes,
}

/// The block size behind [`GucUnit::Blocks`]: PostgreSQL's `BLCKSZ`.
pub const BLCKSZ: i64 = 8192;

/// Hint PostgreSQL gives when a memory value has a unit it does not know.
pub const MEMORY_UNITS_HINT: &str = "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";
/// Hint PostgreSQL gives when a time value has a unit it does not know.
pub const TIME_UNITS_HINT: &str =
    "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";

const KB: f64 = 1024.0;
const MEMORY_UNITS: [(&str, f64); 5] =
    [("TB", KB * KB * KB * KB), ("GB", KB * KB * KB), ("MB", KB * KB), ("kB", KB), ("B", 1.0)];
const TIME_UNITS_US: [(&str, f64); 6] = [
    ("d", 86_400_000_000.0),
    ("h", 3_600_000_000.0),
    ("min", 60_000_000.0),
    ("s", 1_000_000.0),
    ("ms", 1000.0),
    ("us", 1.0),
];

impl GucUnit {
    /// True for memory units (whose hint lists B..TB).
    pub fn is_memory(self) -> bool {
        matches!(self, GucUnit::Bytes | GucUnit::Kilobytes | GucUnit::Blocks | GucUnit::Megabytes)
    }

    /// The unit's name as pg_settings.unit and range errors print it (`kB`, `8kB`, `ms`), or "" for none.
    pub fn name(self) -> &'static str {
        match self {
            GucUnit::None => "",
            GucUnit::Bytes => "B",
            GucUnit::Kilobytes => "kB",
            GucUnit::Blocks => "8kB",
            GucUnit::Megabytes => "MB",
            GucUnit::Milliseconds => "ms",
            GucUnit::Seconds => "s",
            GucUnit::Minutes => "min",
        }
    }

    /// The size of one base unit in the family's smallest unit (bytes or microseconds).
    fn base_size(self) -> f64 {
        match self {
            GucUnit::None => 1.0,
            GucUnit::Bytes => 1.0,
            GucUnit::Kilobytes => KB,
            GucUnit::Blocks => BLCKSZ as f64,
            GucUnit::Megabytes => KB * KB,
            GucUnit::Milliseconds => 1000.0,
            GucUnit::Seconds => 1_000_000.0,
            GucUnit::Minutes => 60_000_000.0,
        }
    }

    /// The conversion table of the unit's family, largest unit first, as
    /// (unit name, how many base units one of it is).
    fn table(self) -> Vec<(&'static str, f64)> {
        let units: &[(&str, f64)] = if self.is_memory() {
            &MEMORY_UNITS
        } else if self == GucUnit::None {
            &[]
        } else {
            &TIME_UNITS_US
        };
        units.iter().map(|&(name, size)| (name, size / self.base_size())).collect()
    }

    /// The hint for an unknown unit, or None for settings without units.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            GucUnit::None => None,
            u if u.is_memory() => Some(MEMORY_UNITS_HINT),
            _ => Some(TIME_UNITS_HINT),
        }
    }
}

/// Converts `value` given in `unit_text` (already stripped of surrounding
/// whitespace) to the base unit. A fractional value is rounded to a whole
/// number of the next smaller unit first, as PostgreSQL does ("30.1GB").
/// Returns None for a unit this setting's family does not have.
pub fn convert_to_base_unit(value: f64, unit_text: &str, unit: GucUnit) -> Option<f64> {
    let table = unit.table();
    let i = table.iter().position(|&(name, _)| name == unit_text)?;
    let mut converted = value * table[i].1;
    if let Some(&(_, next)) = table.get(i + 1) {
        converted = (converted / next).round_ties_even() * next;
    }
    Some(converted)
}

/// Chooses the largest unit that represents `base_value` exactly, as SHOW
/// prints it: 4096 kB is `4MB`, 90000 ms is `90s`. Only called for values > 0.
pub fn convert_int_from_base_unit(base_value: i64, unit: GucUnit) -> (i64, &'static str) {
    for (name, multiplier) in unit.table() {
        if multiplier <= 1.0 || base_value % (multiplier as i64) == 0 {
            return ((base_value as f64 / multiplier).round_ties_even() as i64, name);
        }
    }
    (base_value, unit.name())
}

/// The real-valued counterpart: the first (largest) unit in which the value
/// is within 1e-8 (relative) of a whole number, else the smallest unit, as
/// PostgreSQL's `convert_real_from_base_unit` decides.
pub fn convert_real_from_base_unit(base_value: f64, unit: GucUnit) -> (f64, &'static str) {
    let mut result = (base_value, unit.name());
    for (name, multiplier) in unit.table() {
        let value = base_value / multiplier;
        result = (value, name);
        if value > 0.0 && (value.round_ties_even() / value - 1.0).abs() <= 1e-8 {
            break;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_base() {
        let check = |v: f64, u: &str, unit: GucUnit, expect: Option<f64>| {
            assert_eq!(convert_to_base_unit(v, u, unit), expect, "{v}{u} in {unit:?}");
        };
        check(128.0, "MB", GucUnit::Blocks, Some(16384.0));
        check(1.0, "GB", GucUnit::Kilobytes, Some(1_048_576.0));
        check(1.5, "MB", GucUnit::Kilobytes, Some(1536.0));
        check(1024.0, "B", GucUnit::Kilobytes, Some(1.0));
        check(1.0, "min", GucUnit::Milliseconds, Some(60000.0));
        check(1500.0, "us", GucUnit::Milliseconds, Some(1.5));
        check(1.0, "h", GucUnit::Seconds, Some(3600.0));
        check(1.0, "mb", GucUnit::Kilobytes, None);
        check(1.0, "kB", GucUnit::Seconds, None);
        check(1.0, "s", GucUnit::Kilobytes, None);
    }

    #[test]
    fn from_base() {
        let check = |v: i64, unit: GucUnit, expect: (i64, &str)| {
            assert_eq!(convert_int_from_base_unit(v, unit), expect, "{v} {unit:?}");
        };
        check(16384, GucUnit::Blocks, (128, "MB"));
        check(1, GucUnit::Blocks, (8, "kB"));
        check(4096, GucUnit::Kilobytes, (4, "MB"));
        check(1025, GucUnit::Kilobytes, (1025, "kB"));
        check(90000, GucUnit::Milliseconds, (90, "s"));
        check(60, GucUnit::Seconds, (1, "min"));
        check(86_400_000, GucUnit::Milliseconds, (1, "d"));
        check(1_048_576, GucUnit::Kilobytes, (1, "GB"));
        check(3, GucUnit::Bytes, (3, "B"));
    }
}
