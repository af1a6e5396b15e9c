//! Constructors for the errors the type functions raise, with PostgreSQL's exact wording.
//! Each passes its caller on as the report's location (`#[track_caller]`), so the
//! LOCATION line of `log_error_verbosity = verbose` names the function that failed.

use pg_error::{PgError, SqlState};

/// 22P02 `invalid input syntax for type integer: "abc"`.
#[track_caller]
pub fn invalid_syntax(type_name: &str, input: &str) -> PgError {
    PgError::new(
        SqlState::INVALID_TEXT_REPRESENTATION,
        format!("invalid input syntax for type {type_name}: \"{input}\""),
    )
}

/// 22003 `value "99999999999" is out of range for type integer`.
#[track_caller]
pub fn value_out_of_range(type_name: &str, input: &str) -> PgError {
    PgError::new(
        SqlState::NUMERIC_VALUE_OUT_OF_RANGE,
        format!("value \"{input}\" is out of range for type {type_name}"),
    )
}

/// 22003 `integer out of range`, `smallint out of range`, `bigint out of range`.
#[track_caller]
pub fn out_of_range(what: &str) -> PgError {
    PgError::new(SqlState::NUMERIC_VALUE_OUT_OF_RANGE, format!("{what} out of range"))
}

/// 22012 `division by zero`.
#[track_caller]
pub fn division_by_zero() -> PgError {
    PgError::new(SqlState::DIVISION_BY_ZERO, "division by zero")
}

/// 2201F for `sqrt` of a negative.
#[track_caller]
pub fn sqrt_negative() -> PgError {
    PgError::new(SqlState::INVALID_ARGUMENT_FOR_POWER_FUNCTION, "cannot take square root of a negative number")
}

/// 22003 float overflow (`float_overflow_error`).
#[track_caller]
pub fn float_overflow() -> PgError {
    PgError::new(SqlState::NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow")
}

/// 22003 float underflow (`float_underflow_error`).
#[track_caller]
pub fn float_underflow() -> PgError {
    PgError::new(SqlState::NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow")
}

/// 22008 `date/time field value out of range: "..."`.
#[track_caller]
pub fn datetime_field_overflow(input: &str) -> PgError {
    PgError::new(SqlState::DATETIME_FIELD_OVERFLOW, format!("date/time field value out of range: \"{input}\""))
}

/// 22008 `timestamp out of range`.
#[track_caller]
pub fn timestamp_out_of_range() -> PgError {
    PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range")
}

/// 22008 `date out of range`.
#[track_caller]
pub fn date_out_of_range() -> PgError {
    PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, "date out of range")
}

/// 22008 `interval out of range`.
#[track_caller]
pub fn interval_out_of_range() -> PgError {
    PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, "interval out of range")
}

/// 22P03 for malformed binary input.
#[track_caller]
pub fn invalid_binary(msg: &str) -> PgError {
    PgError::new(SqlState::INVALID_BINARY_REPRESENTATION, msg.to_string())
}

/// XX000: a datum of the wrong variant reached a function: a bug in the caller.
#[track_caller]
pub fn wrong_datum(what: &str) -> PgError {
    PgError::internal(format!("unexpected datum for {what}"))
}
