//! The registry and its operations: `set_config_option`, SHOW, RESET,
//! transaction-scoped changes and ParameterStatus tracking (guc.c).
//!
//! Check and assign hooks run while the registry is *not* borrowed, so a hook
//! may read other settings.

use std::cell::RefCell;

use pg_error::{PgError, PgResult, SqlState};

use crate::builtin::{builtin_definitions, dynamic_defaults};
use crate::checks;
use crate::parse::{format_real, parse_bool, parse_int, parse_real, NumberError};
use crate::units::{convert_int_from_base_unit, convert_real_from_base_unit, GucUnit};
use crate::{GucCategory, GucContext, GucDefinition, GucFlags, GucKind, GucSource, GucValue};

/// A higher layer's validation of a value: returns the normalised value, or an
/// error. An error with an empty message gets PostgreSQL's standard primary
/// message `invalid value for parameter "name": "value"` (keeping the hook's
/// SQLSTATE, detail and hint), like `GUC_check_errdetail` in PostgreSQL.
/// For settings that are not strings the hook sees the canonical text (`on`,
/// `4096`, an enum's name) and only its verdict counts.
pub type CheckHook = fn(&str) -> PgResult<String>;

/// Called with the new value's canonical text after the setting changes
/// (SET, RESET, file reload, or an undo at transaction end).
pub type AssignHook = fn(&str);

/// What SHOW and pg_settings print instead of the stored value (given as
/// canonical text), for settings whose real value lives elsewhere, such as a
/// socket option (PostgreSQL's show hooks).
pub type ShowHook = fn(&str) -> String;

/// A built-in check: (value, current canonical value, reset canonical value).
type BuiltinCheck = fn(&str, &str, &str) -> PgResult<String>;

#[derive(Clone, Copy)]
enum Check {
    Builtin(BuiltinCheck),
    Hook(CheckHook),
}

/// How a change is scoped (PostgreSQL's `GucAction`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GucAction {
    /// `SET`: lasts for the session unless the transaction (or the
    /// savepoint it was made under) is rolled back.
    Set,
    /// `SET LOCAL`: lasts until the transaction ends.
    Local,
    /// A value that lasts until its nest level ends either way (a function's
    /// `SET` clause in PostgreSQL, `GUC_ACTION_SAVE`).
    Save,
}

/// What a nest level did to a setting (PostgreSQL's `GucStackState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StackState {
    /// A SET: kept at commit, undone at abort.
    Set,
    /// A SET LOCAL: undone at the end of the transaction either way.
    Local,
    /// A SET then a SET LOCAL: at commit the SET's (masked) value returns.
    SetLocal,
    /// A `GucAction::Save`: undone when its level ends either way.
    Save,
}

/// The value a setting had before nest level `nest_level` first touched it
/// (one `GucStack` entry). A setting's entries are kept in increasing level
/// order, at most one per level.
struct StackEntry {
    nest_level: u32,
    state: StackState,
    prior: (GucValue, GucSource),
    /// For `SetLocal`: the SET's value, which the SET LOCAL hides.
    masked: Option<(GucValue, GucSource)>,
}

struct GucVariable {
    def: GucDefinition,
    check: Option<Check>,
    assign: Option<AssignHook>,
    show: Option<ShowHook>,
    value: GucValue,
    source: GucSource,
    reset: GucValue,
    reset_source: GucSource,
    /// One entry per open nest level that changed the setting, innermost last.
    stack: Vec<StackEntry>,
    /// The text last sent to the client in ParameterStatus.
    reported: Option<String>,
    /// The file and line the value was last read from (pg_settings'
    /// sourcefile and sourceline while the source is the file).
    source_location: Option<(String, u32)>,
    /// A reload found a changed value for this restart-only setting.
    pending_restart: bool,
}

struct Registry {
    vars: Vec<GucVariable>,
    /// (lower-case name, index into `vars`), sorted: lookups and SHOW ALL's order.
    by_name: Vec<(String, usize)>,
    /// The innermost open nest level (`GUCNestLevel`): 0 outside a
    /// transaction, 1 for the transaction, one more per savepoint.
    nest_level: u32,
    /// Indices of settings with a non-empty stack.
    stacked: Vec<usize>,
    /// (lower-case name, index) of the `GUC_REPORT` settings, sorted: what
    /// [`take_reported_changes`] compares after every statement, so its
    /// cost does not grow with the custom settings a session defines.
    report: Vec<(String, usize)>,
    reporting_enabled: bool,
    under_postmaster: bool,
}

thread_local! {
    static REGISTRY: RefCell<Option<Registry>> = const { RefCell::new(None) };
}

fn with_registry<R>(f: impl FnOnce(&mut Registry) -> R) -> R {
    REGISTRY.with(|cell| {
        let mut guard = cell.borrow_mut();
        f(guard.get_or_insert_with(Registry::new))
    })
}

fn boot_value(kind: &GucKind) -> GucValue {
    match kind {
        GucKind::Bool { boot } => GucValue::Bool(*boot),
        GucKind::Int { boot, .. } => GucValue::Int(*boot),
        GucKind::Real { boot, .. } => GucValue::Real(*boot),
        GucKind::String { boot } => GucValue::String(boot.as_deref().unwrap_or("").to_string()),
        GucKind::Enum { boot, .. } => GucValue::Enum(*boot),
    }
}

fn builtin_check(name: &str) -> Option<BuiltinCheck> {
    Some(match name {
        "DateStyle" => checks::check_datestyle,
        "client_encoding" => |v, _, _| checks::check_client_encoding(v),
        "lc_messages" | "lc_monetary" | "lc_numeric" | "lc_time" => |v, _, _| checks::check_locale(v),
        "timezone_abbreviations" => |v, _, _| checks::check_timezone_abbreviations(v),
        "default_with_oids" => |v, _, _| checks::check_default_with_oids(v),
        "backtrace_functions" => |v, _, _| checks::check_backtrace_functions(v),
        "application_name" => |v, _, _| checks::check_application_name(v),
        "cluster_name" => |v, _, _| checks::check_clean_ascii(v),
        "restrict_nonsystem_relation_kind" => |v, _, _| checks::check_restrict_nonsystem_relation_kind(v),
        "wal_consistency_checking" => |v, _, _| checks::check_wal_consistency_checking(v),
        _ => return None,
    })
}

impl Registry {
    fn new() -> Registry {
        let mut registry = Registry {
            vars: Vec::new(),
            by_name: Vec::new(),
            nest_level: 0,
            stacked: Vec::new(),
            report: Vec::new(),
            reporting_enabled: false,
            under_postmaster: false,
        };
        for def in builtin_definitions() {
            let check = builtin_check(&def.name).map(Check::Builtin);
            let idx = registry.add(def);
            registry.vars[idx].check = check;
        }
        for (name, text) in dynamic_defaults() {
            registry.apply_dynamic_default(name, &text);
        }
        registry
    }

    /// Gives a setting its computed default `text` (`PGC_S_DYNAMIC_DEFAULT`),
    /// unless a higher source already set it.
    fn apply_dynamic_default(&mut self, name: &str, text: &str) {
        let Some(idx) = self.find(name) else { return };
        let var = &mut self.vars[idx];
        let value = parse_and_validate_value(&var.def, name, text).expect("dynamic defaults are valid values");
        if var.source <= GucSource::DynamicDefault {
            var.value = value.clone();
            var.source = GucSource::DynamicDefault;
        }
        if var.reset_source <= GucSource::DynamicDefault {
            var.reset = value;
            var.reset_source = GucSource::DynamicDefault;
        }
    }

    fn add(&mut self, def: GucDefinition) -> usize {
        let value = boot_value(&def.kind);
        let lower = def.name.to_ascii_lowercase();
        let idx = self.vars.len();
        self.vars.push(GucVariable {
            def,
            check: None,
            assign: None,
            show: None,
            reset: value.clone(),
            value,
            source: GucSource::Default,
            reset_source: GucSource::Default,
            stack: Vec::new(),
            reported: None,
            source_location: None,
            pending_restart: false,
        });
        let pos = self.by_name.partition_point(|(k, _)| *k < lower);
        self.by_name.insert(pos, (lower, idx));
        self.track_report(idx);
        idx
    }

    /// Adds setting `idx` to the `GUC_REPORT` list if its definition has
    /// the flag (a new setting, or a placeholder given its real definition).
    fn track_report(&mut self, idx: usize) {
        if !self.vars[idx].def.flags.contains(GucFlags::REPORT) {
            return;
        }
        let lower = self.vars[idx].def.name.to_ascii_lowercase();
        let pos = self.report.partition_point(|(k, _)| *k < lower);
        if self.report.get(pos).is_none_or(|(_, i)| *i != idx) {
            self.report.insert(pos, (lower, idx));
        }
    }

    /// Case-insensitive lookup without allocating.
    fn find(&self, name: &str) -> Option<usize> {
        self.by_name
            .binary_search_by(|(k, _)| k.bytes().cmp(name.bytes().map(|b| b.to_ascii_lowercase())))
            .ok()
            .map(|pos| self.by_name[pos].1)
    }

    fn find_or_error(&self, name: &str) -> PgResult<usize> {
        self.find(name).ok_or_else(|| unrecognized(name))
    }

    /// Finds a setting, creating a placeholder for a valid custom (dotted) name.
    fn find_or_placeholder(&mut self, name: &str) -> PgResult<usize> {
        if let Some(idx) = self.find(name) {
            return Ok(idx);
        }
        if valid_custom_variable_name(name) {
            return Ok(self.add(placeholder_definition(name)));
        }
        if name.contains('.') {
            return Err(PgError::new(
                SqlState::INVALID_NAME,
                format!("invalid configuration parameter name \"{name}\""),
            )
            .with_detail("Custom parameter names must be two or more simple identifiers separated by dots."));
        }
        Err(unrecognized(name))
    }

    /// Whether a transaction is open (any nest level).
    fn in_transaction(&self) -> bool {
        self.nest_level > 0
    }

    /// Saves a setting's value before a change at the current nest level
    /// (`push_old_value`); outside a transaction there is nothing to undo.
    fn push_old_value(&mut self, idx: usize, action: GucAction) {
        let level = self.nest_level;
        if level == 0 {
            return;
        }
        let var = &mut self.vars[idx];
        if let Some(entry) = var.stack.last_mut().filter(|e| e.nest_level >= level) {
            // This level already saved the prior value; only its state changes.
            match action {
                GucAction::Set => {
                    entry.masked = None;
                    entry.state = StackState::Set;
                }
                GucAction::Local => {
                    if entry.state == StackState::Set {
                        entry.masked = Some((var.value.clone(), var.source));
                        entry.state = StackState::SetLocal;
                    }
                }
                GucAction::Save => {}
            }
            return;
        }
        let state = match action {
            GucAction::Set => StackState::Set,
            GucAction::Local => StackState::Local,
            GucAction::Save => StackState::Save,
        };
        if var.stack.is_empty() {
            self.stacked.push(idx);
        }
        var.stack.push(StackEntry { nest_level: level, state, prior: (var.value.clone(), var.source), masked: None });
    }

    /// Closes nest level `level` and every level inside it (`AtEOXact_GUC`).
    /// On abort each change made at those levels is undone. On commit of the
    /// transaction (level 1) SETs stay, SET LOCALs and saves are undone; on
    /// commit of a savepoint its changes fold into the enclosing level, so a
    /// later rollback of that level still undoes them.
    fn at_eoxact(&mut self, commit: bool, level: u32) -> Vec<(AssignHook, String)> {
        let level = level.max(1);
        let mut hooks = Vec::new();
        let mut still_stacked = Vec::new();
        for idx in std::mem::take(&mut self.stacked) {
            let var = &mut self.vars[idx];
            while var.stack.last().is_some_and(|e| e.nest_level >= level) {
                let mut entry = var.stack.pop().expect("checked non-empty");
                let restore = if !commit || entry.state == StackState::Save {
                    Some(entry.prior)
                } else if level == 1 {
                    // Transaction commit.
                    match entry.state {
                        StackState::Set => None,
                        StackState::SetLocal => entry.masked,
                        StackState::Local | StackState::Save => Some(entry.prior),
                    }
                } else {
                    match var.stack.last_mut() {
                        Some(prev) if prev.nest_level >= level - 1 => {
                            // Merge into the enclosing level's entry, which
                            // keeps its own (older) prior value.
                            match entry.state {
                                StackState::Set => {
                                    prev.masked = None;
                                    prev.state = StackState::Set;
                                }
                                StackState::Local => {
                                    if prev.state == StackState::Set {
                                        prev.masked = Some(entry.prior);
                                        prev.state = StackState::SetLocal;
                                    }
                                }
                                StackState::SetLocal => {
                                    prev.masked = entry.masked;
                                    prev.state = StackState::SetLocal;
                                }
                                StackState::Save => unreachable!("handled above"),
                            }
                        }
                        _ => {
                            // The enclosing level did not touch the setting:
                            // this entry becomes that level's.
                            entry.nest_level = level - 1;
                            var.stack.push(entry);
                            break;
                        }
                    }
                    None
                };
                if let Some((value, source)) = restore {
                    let changed = value != var.value;
                    var.value = value;
                    var.source = source;
                    if let (true, Some(hook)) = (changed, var.assign) {
                        hooks.push((hook, canonical_text(&var.def, &var.value)));
                    }
                }
            }
            if !var.stack.is_empty() {
                still_stacked.push(idx);
            }
        }
        self.stacked = still_stacked;
        self.nest_level = level - 1;
        hooks
    }
}

fn placeholder_definition(name: &str) -> GucDefinition {
    GucDefinition {
        name: name.to_string().into(),
        context: GucContext::User,
        category: GucCategory::Customized,
        short_desc: "Placeholder for a custom setting not yet defined by a module.",
        extra_desc: None,
        flags: GucFlags::NO_SHOW_ALL.union(GucFlags::NOT_IN_SAMPLE).union(GucFlags::CUSTOM_PLACEHOLDER),
        kind: GucKind::String { boot: Some("".into()) },
    }
}

/// Two or more simple identifiers separated by dots (`myapp.x`).
fn valid_custom_variable_name(name: &str) -> bool {
    let mut parts = 0;
    for part in name.split('.') {
        let mut chars = part.chars();
        match chars.next() {
            Some(c) if c.is_ascii_alphabetic() || c == '_' || !c.is_ascii() => {}
            _ => return false,
        }
        if !chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

fn unrecognized(name: &str) -> PgError {
    PgError::new(SqlState::UNDEFINED_OBJECT, format!("unrecognized configuration parameter \"{name}\""))
}

fn cant_change(message: String) -> PgError {
    PgError::new(SqlState::CANT_CHANGE_RUNTIME_PARAM, message)
}

fn invalid_value(name: &str, value: &str) -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("invalid value for parameter \"{name}\": \"{value}\""))
}

/// The text SHOW prints for a value (`_ShowOption`).
fn show_value(def: &GucDefinition, value: &GucValue) -> String {
    match (value, &def.kind) {
        (GucValue::Bool(b), _) => if *b { "on" } else { "off" }.to_string(),
        (GucValue::Int(v), _) if def.flags.contains(GucFlags::SHOW_OCTAL) => format!("{v:04o}"),
        (GucValue::Int(v), GucKind::Int { unit, .. }) if *v > 0 && *unit != GucUnit::None => {
            let (n, u) = convert_int_from_base_unit(i64::from(*v), *unit);
            format!("{n}{u}")
        }
        (GucValue::Int(v), _) => v.to_string(),
        (GucValue::Real(v), GucKind::Real { unit, .. }) if *v > 0.0 && *unit != GucUnit::None => {
            let (n, u) = convert_real_from_base_unit(*v, *unit);
            format!("{}{u}", format_real(n))
        }
        (GucValue::Real(v), _) => format_real(*v),
        (GucValue::String(s), _) => s.clone(),
        (GucValue::Enum(v), _) => enum_label(def, *v).to_string(),
    }
}

impl Registry {
    /// What SHOW prints for a setting, after its show hook if it has one
    /// (`archive_command` and `seed` display something other than their value).
    fn shown(&self, idx: usize) -> String {
        let var = &self.vars[idx];
        if let Some(hook) = var.show {
            return hook(&canonical_text(&var.def, &var.value));
        }
        match &*var.def.name {
            // XLogArchivingActive(): archive_mode on and wal_level above minimal.
            "archive_command" => {
                let enum_is = |name: &str, off: &str| {
                    self.find(name).is_some_and(|i| show_value(&self.vars[i].def, &self.vars[i].value) != off)
                };
                if enum_is("archive_mode", "off") && enum_is("wal_level", "minimal") {
                    show_value(&var.def, &var.value)
                } else {
                    "(disabled)".to_string()
                }
            }
            "seed" => "unavailable".to_string(),
            _ => show_value(&var.def, &var.value),
        }
    }

    /// pg_settings.setting: the value without units, or the show hook's text
    /// for the settings that have one.
    fn setting_text(&self, idx: usize) -> String {
        let var = &self.vars[idx];
        if var.show.is_some()
            || var.def.flags.contains(GucFlags::SHOW_OCTAL)
            || matches!(&*var.def.name, "archive_command" | "seed")
        {
            self.shown(idx)
        } else {
            canonical_text(&var.def, &var.value)
        }
    }
}

/// The value's text without units, as `GetConfigOption` returns it and hooks see it.
fn canonical_text(def: &GucDefinition, value: &GucValue) -> String {
    match value {
        GucValue::Int(v) => v.to_string(),
        GucValue::Real(v) => format_real(*v),
        _ => show_value(def, value),
    }
}

fn enum_label(def: &GucDefinition, value: i32) -> &'static str {
    match &def.kind {
        GucKind::Enum { options, .. } => options.iter().find(|o| o.value == value).map_or("", |o| o.name),
        _ => "",
    }
}

/// Parses and range-checks a value for a setting (`parse_and_validate_value`);
/// `name` is the spelling the caller used, which PostgreSQL's messages echo.
fn parse_and_validate_value(def: &GucDefinition, name: &str, value: &str) -> PgResult<GucValue> {
    let number_error = |e: NumberError, unit: GucUnit| {
        let err = invalid_value(name, value);
        match e {
            NumberError::Invalid => err,
            NumberError::BadUnit => match unit.hint() {
                Some(hint) => err.with_hint(hint),
                None => err,
            },
            NumberError::OutOfIntRange => err.with_hint("Value exceeds integer range."),
        }
    };
    let unit_suffix = |unit: GucUnit| if unit == GucUnit::None { String::new() } else { format!(" {}", unit.name()) };
    match &def.kind {
        GucKind::Bool { .. } => parse_bool(value).map(GucValue::Bool).ok_or_else(|| {
            PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("parameter \"{name}\" requires a Boolean value"))
        }),
        GucKind::Int { min, max, unit, .. } => {
            let v = parse_int(value, *unit).map_err(|e| number_error(e, *unit))?;
            if v < *min || v > *max {
                return Err(PgError::new(
                    SqlState::INVALID_PARAMETER_VALUE,
                    format!(
                        "{v}{} is outside the valid range for parameter \"{name}\" ({min} .. {max})",
                        unit_suffix(*unit)
                    ),
                ));
            }
            Ok(GucValue::Int(v))
        }
        GucKind::Real { min, max, unit, .. } => {
            let v = parse_real(value, *unit).map_err(|e| number_error(e, *unit))?;
            if v < *min || v > *max {
                return Err(PgError::new(
                    SqlState::INVALID_PARAMETER_VALUE,
                    format!(
                        "{}{} is outside the valid range for parameter \"{name}\" ({} .. {})",
                        format_real(v),
                        unit_suffix(*unit),
                        format_real(*min),
                        format_real(*max)
                    ),
                ));
            }
            Ok(GucValue::Real(v))
        }
        GucKind::String { .. } => Ok(GucValue::String(value.to_string())),
        GucKind::Enum { options, .. } => {
            options.iter().find(|o| o.name.eq_ignore_ascii_case(value)).map(|o| GucValue::Enum(o.value)).ok_or_else(
                || {
                    let listed: Vec<&str> = options.iter().filter(|o| !o.hidden).map(|o| o.name).collect();
                    invalid_value(name, value).with_hint(format!("Available values: {}.", listed.join(", ")))
                },
            )
        }
    }
}

/// What phase 1 of a set decided.
enum Plan {
    /// Nothing to do (a lower-priority source, or a setting this process ignores).
    Ignore,
    Apply {
        idx: usize,
        value: GucValue,
        source: GucSource,
        /// The text and check to run before applying, if the value is new input.
        check: Option<(Check, String, String, String)>,
        change_val: bool,
        make_default: bool,
        /// A postmaster setting re-read on reload: only an unchanged value is fine.
        restart_check: bool,
    },
}

/// Sets a setting with an explicit context (PostgreSQL's `set_config_option`).
/// `value` None means DEFAULT (RESET): the reset value, or the boot value when
/// `source` is [`GucSource::Default`]. `context` is the setter's power:
/// [`GucContext::Internal`] is the server itself and bypasses context checks;
/// `Postmaster` is start-up (file or command line); `Sighup` a reload;
/// `Backend`/`SuBackend` connection start; `User`/`Superuser` a session SET.
pub fn set_config_option_ext(
    name: &str,
    value: Option<&str>,
    context: GucContext,
    source: GucSource,
    action: GucAction,
) -> PgResult<()> {
    let plan = with_registry(|reg| -> PgResult<Plan> {
        let idx = reg.find_or_placeholder(name)?;
        let under_postmaster = reg.under_postmaster;
        let var = &reg.vars[idx];
        let mut restart_check = false;
        if context != GucContext::Internal {
            let denied = || {
                PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, format!("permission denied to set parameter \"{name}\""))
            };
            match var.def.context {
                GucContext::Internal => return Err(cant_change(format!("parameter \"{name}\" cannot be changed"))),
                GucContext::Postmaster => {
                    if context == GucContext::Sighup {
                        restart_check = true;
                    } else if context != GucContext::Postmaster {
                        return Err(cant_change(format!(
                            "parameter \"{name}\" cannot be changed without restarting the server"
                        )));
                    }
                }
                GucContext::Sighup => {
                    if context != GucContext::Sighup && context != GucContext::Postmaster {
                        return Err(cant_change(format!("parameter \"{name}\" cannot be changed now")));
                    }
                }
                GucContext::SuBackend | GucContext::Backend => {
                    if var.def.context == GucContext::SuBackend && context == GucContext::Backend {
                        return Err(denied());
                    }
                    if context == GucContext::Sighup {
                        // A backend keeps its connection-time value; the
                        // postmaster takes the new one for future backends.
                        if under_postmaster {
                            return Ok(Plan::Ignore);
                        }
                    } else if !matches!(context, GucContext::Postmaster | GucContext::Backend | GucContext::SuBackend)
                        && source != GucSource::Client
                    {
                        return Err(cant_change(format!("parameter \"{name}\" cannot be set after connection start")));
                    }
                }
                GucContext::Superuser => {
                    if matches!(context, GucContext::User | GucContext::Backend) {
                        return Err(denied());
                    }
                }
                GucContext::User => {}
            }
            if source == GucSource::File && var.def.flags.contains(GucFlags::DISALLOW_IN_FILE) {
                return Err(cant_change(format!("parameter \"{name}\" cannot be changed")));
            }
        }
        let make_default = source <= GucSource::Override && (value.is_some() || source == GucSource::Default);
        let mut change_val = true;
        if var.source > source {
            if !make_default {
                return Ok(Plan::Ignore);
            }
            change_val = false;
        }
        let (new_value, new_source, check) = match value {
            Some(text) => {
                let parsed = parse_and_validate_value(&var.def, name, text)?;
                let check = var.check.map(|c| {
                    let current = canonical_text(&var.def, &var.value);
                    let reset = canonical_text(&var.def, &var.reset);
                    let input = match &parsed {
                        GucValue::String(s) => s.clone(),
                        other => canonical_text(&var.def, other),
                    };
                    (c, input, current, reset)
                });
                (parsed, source, check)
            }
            None if source == GucSource::Default => (boot_value(&var.def.kind), GucSource::Default, None),
            None => (var.reset.clone(), var.reset_source, None),
        };
        Ok(Plan::Apply { idx, value: new_value, source: new_source, check, change_val, make_default, restart_check })
    })?;
    let Plan::Apply { idx, mut value, source, check, change_val, make_default, restart_check } = plan else {
        return Ok(());
    };
    if let Some((check, input, current, reset)) = check {
        let result = match check {
            Check::Builtin(f) => f(&input, &current, &reset),
            Check::Hook(f) => f(&input),
        };
        match result {
            Ok(normalised) => {
                if let GucValue::String(s) = &mut value {
                    *s = normalised;
                }
            }
            Err(mut e) => {
                if e.message.is_empty() {
                    let canonical = with_registry(|reg| reg.vars[idx].def.name.to_string());
                    e.message = invalid_value(&canonical, &input).into_data().message;
                }
                return Err(e);
            }
        }
    }
    let assign = with_registry(|reg| -> PgResult<Option<(AssignHook, String)>> {
        if restart_check {
            if reg.vars[idx].value != value {
                reg.vars[idx].pending_restart = true;
                return Err(cant_change(format!(
                    "parameter \"{name}\" cannot be changed without restarting the server"
                )));
            }
            return Ok(None);
        }
        let mut assign = None;
        if change_val && !(action == GucAction::Local && !reg.in_transaction() && !make_default) {
            if !make_default {
                reg.push_old_value(idx, action);
            }
            let var = &mut reg.vars[idx];
            var.value = value.clone();
            var.source = source;
            if let Some(hook) = var.assign {
                assign = Some((hook, canonical_text(&var.def, &var.value)));
            }
        }
        if make_default {
            let var = &mut reg.vars[idx];
            if var.reset_source <= source {
                var.reset = value.clone();
                var.reset_source = source;
            }
            for entry in &mut var.stack {
                if entry.prior.1 <= source {
                    entry.prior = (value.clone(), source);
                }
            }
        }
        Ok(assign)
    })?;
    if let Some((hook, text)) = assign {
        hook(&text);
    }
    Ok(())
}

/// Sets a setting the way the named source would (the common entry point):
/// the setter's context follows from `source` and `is_superuser` (a session
/// SET is `User` or `Superuser`, the startup packet `Backend` or `SuBackend`,
/// the file and command line `Postmaster`). `is_local` is SET LOCAL; outside a
/// transaction it has no effect, as in PostgreSQL.
pub fn set_config_option(
    name: &str,
    value: Option<&str>,
    source: GucSource,
    is_local: bool,
    is_superuser: bool,
) -> PgResult<()> {
    let context = match source {
        GucSource::Default
        | GucSource::DynamicDefault
        | GucSource::EnvVar
        | GucSource::File
        | GucSource::CommandLine => GucContext::Postmaster,
        GucSource::Client if is_superuser => GucContext::SuBackend,
        GucSource::Client => GucContext::Backend,
        GucSource::Override => GucContext::Internal,
        GucSource::Database | GucSource::User | GucSource::DatabaseUser | GucSource::Session => {
            if is_superuser {
                GucContext::Superuser
            } else {
                GucContext::User
            }
        }
    };
    let action = if is_local { GucAction::Local } else { GucAction::Set };
    set_config_option_ext(name, value, context, source, action)
}

/// The server sets a value itself (`is_superuser`, `session_authorization`,
/// `data_directory`, `in_hot_standby`), bypassing context checks. The value
/// also becomes the one RESET returns to.
pub fn set_internal(name: &str, value: &str) -> PgResult<()> {
    set_config_option_ext(name, Some(value), GucContext::Internal, GucSource::Override, GucAction::Set)
}

/// The server records a value it computed at start (`shared_memory_size`,
/// `data_directory_mode`): PostgreSQL's `PGC_S_DYNAMIC_DEFAULT`, shown with
/// source `default`. A value from the file or command line is not replaced.
pub fn set_computed(name: &str, value: &str) -> PgResult<()> {
    set_config_option_ext(name, Some(value), GucContext::Internal, GucSource::DynamicDefault, GucAction::Set)
}

/// A `-c name=value` (or `--name=value`, `-p`, ...) from the postmaster's command line.
pub fn set_from_command_line(name: &str, value: &str) -> PgResult<()> {
    set_config_option_ext(name, Some(value), GucContext::Postmaster, GucSource::CommandLine, GucAction::Set)
}

/// Whether this process is a child of the postmaster (`IsUnderPostmaster`):
/// a reload then leaves connection-time (`backend`) settings alone.
pub fn set_is_under_postmaster(under_postmaster: bool) {
    with_registry(|reg| reg.under_postmaster = under_postmaster);
}

/// Rebuilds the registry from the built-in table (`InitializeGUCOptions`):
/// every setting back to its boot value, hooks and custom settings dropped.
pub fn initialize() {
    REGISTRY.with(|cell| *cell.borrow_mut() = Some(Registry::new()));
}

/// `RESET name` by the current user: back to the value from the file,
/// command line or startup packet, or the default. Permission follows the
/// `is_superuser` setting, as PostgreSQL's `superuser()` check does.
pub fn reset(name: &str) -> PgResult<()> {
    let superuser = get_bool("is_superuser")?;
    set_config_option(name, None, GucSource::Session, false, superuser)
}

/// `RESET ALL`: every user- and superuser-settable setting back to its reset
/// value (transactionally), except those flagged `NO_RESET_ALL`.
pub fn reset_all() {
    let hooks = with_registry(|reg| {
        let mut hooks = Vec::new();
        for idx in 0..reg.vars.len() {
            let var = &reg.vars[idx];
            if !matches!(var.def.context, GucContext::User | GucContext::Superuser)
                || var.def.flags.contains(GucFlags::NO_RESET_ALL)
                || var.source <= GucSource::Override
            {
                continue;
            }
            reg.push_old_value(idx, GucAction::Set);
            let var = &mut reg.vars[idx];
            let changed = var.value != var.reset;
            var.value = var.reset.clone();
            var.source = var.reset_source;
            if let (true, Some(hook)) = (changed, var.assign) {
                hooks.push((hook, canonical_text(&var.def, &var.value)));
            }
        }
        hooks
    });
    for (hook, text) in hooks {
        hook(&text);
    }
}

/// `SHOW name`: the value as PostgreSQL prints it (`128MB`, `1min`, `on`).
/// A setting flagged `SUPERUSER_ONLY` is shown only when `is_superuser` is
/// on (PostgreSQL also admits members of pg_read_all_settings).
pub fn show(name: &str) -> PgResult<String> {
    with_registry(|reg| {
        let idx = reg.find_or_error(name)?;
        reg.check_may_examine(idx, name)?;
        Ok(reg.shown(idx))
    })
}

impl Registry {
    fn current_user_is_superuser(&self) -> bool {
        self.find("is_superuser").is_some_and(|i| self.vars[i].value == GucValue::Bool(true))
    }

    /// `GetConfigOptionByName`'s permission check.
    fn check_may_examine(&self, idx: usize, name: &str) -> PgResult<()> {
        if self.vars[idx].def.flags.contains(GucFlags::SUPERUSER_ONLY) && !self.current_user_is_superuser() {
            return Err(PgError::new(
                SqlState::INSUFFICIENT_PRIVILEGE,
                format!("must be superuser or have privileges of pg_read_all_settings to examine \"{name}\""),
            ));
        }
        Ok(())
    }
}

/// `SHOW ALL`: (name, setting, description), sorted by name ignoring case,
/// without settings flagged `NO_SHOW_ALL`, and without `SUPERUSER_ONLY` ones
/// unless `is_superuser` is on. These are also the rows of pg_settings.
pub fn show_all() -> Vec<(String, String, String)> {
    with_registry(|reg| {
        reg.by_name
            .iter()
            .map(|(_, idx)| *idx)
            .filter(|idx| {
                let flags = reg.vars[*idx].def.flags;
                !flags.contains(GucFlags::NO_SHOW_ALL)
                    && (!flags.contains(GucFlags::SUPERUSER_ONLY) || reg.current_user_is_superuser())
            })
            .map(|idx| (reg.vars[idx].def.name.to_string(), reg.shown(idx), reg.vars[idx].def.short_desc.to_string()))
            .collect()
    })
}

/// One setting's metadata and state: a row of `pg_settings`.
#[derive(Clone, Debug, PartialEq)]
pub struct GucDescription {
    /// Canonical name.
    pub name: String,
    /// pg_settings.setting: the value in its base unit without the unit
    /// (`16384`), or its show hook's text (`0700`, `(disabled)`).
    pub setting: String,
    /// The base unit (`8kB`), if any.
    pub unit: Option<&'static str>,
    /// The value as SHOW prints it (`128MB`).
    pub shown: String,
    /// Category text.
    pub category: &'static str,
    /// Description.
    pub short_desc: &'static str,
    /// Further description, if any.
    pub extra_desc: Option<&'static str>,
    /// Who may change it.
    pub context: GucContext,
    /// `bool`, `integer`, `real`, `string` or `enum`.
    pub vartype: &'static str,
    /// Where the current value came from.
    pub source: GucSource,
    /// Range for numeric settings.
    pub min_val: Option<String>,
    /// Range for numeric settings.
    pub max_val: Option<String>,
    /// Visible values of enum settings.
    pub enumvals: Vec<&'static str>,
    /// The boot value, without unit (None: PostgreSQL's NULL boot value).
    pub boot_val: Option<String>,
    /// The value RESET returns to, without unit (None while that is a NULL boot value).
    pub reset_val: Option<String>,
    /// The configuration file the current value came from, and its line.
    pub source_location: Option<(String, u32)>,
    /// A reload saw a new value that needs a restart to take effect.
    pub pending_restart: bool,
    /// `GUC_*` flags.
    pub flags: GucFlags,
}

/// Describes a setting for `pg_settings` and permission checks.
pub fn describe(name: &str) -> PgResult<GucDescription> {
    with_registry(|reg| {
        let idx = reg.find_or_error(name)?;
        let var = &reg.vars[idx];
        let def = &var.def;
        let (min_val, max_val, unit, enumvals) = match &def.kind {
            GucKind::Int { min, max, unit, .. } => {
                (Some(min.to_string()), Some(max.to_string()), Some(*unit), Vec::new())
            }
            GucKind::Real { min, max, unit, .. } => {
                (Some(format_real(*min)), Some(format_real(*max)), Some(*unit), Vec::new())
            }
            GucKind::Enum { options, .. } => {
                (None, None, None, options.iter().filter(|o| !o.hidden).map(|o| o.name).collect())
            }
            _ => (None, None, None, Vec::new()),
        };
        let null_boot = matches!(&def.kind, GucKind::String { boot: None });
        let boot_val = (!null_boot).then(|| canonical_text(def, &boot_value(&def.kind)));
        let reset_val =
            (!(null_boot && var.reset_source == GucSource::Default)).then(|| canonical_text(def, &var.reset));
        // Where a value came from in a file is shown to superusers only.
        let source_location =
            var.source_location.clone().filter(|_| var.source == GucSource::File && reg.current_user_is_superuser());
        Ok(GucDescription {
            name: def.name.to_string(),
            setting: reg.setting_text(idx),
            unit: unit.filter(|u| *u != GucUnit::None).map(GucUnit::name),
            shown: reg.shown(idx),
            category: def.category.name(),
            short_desc: def.short_desc,
            extra_desc: def.extra_desc,
            context: def.context,
            vartype: def.kind.type_name(),
            source: var.source,
            min_val,
            max_val,
            enumvals,
            boot_val,
            reset_val,
            source_location,
            pending_restart: var.pending_restart,
            flags: def.flags,
        })
    })
}

/// Records the file and line a setting's value was just read from.
pub(crate) fn set_source_location(name: &str, file: &str, line: u32) {
    with_registry(|reg| {
        if let Some(idx) = reg.find(name) {
            reg.vars[idx].source_location = Some((file.to_string(), line));
        }
    });
}

/// Runs `f` on built-in setting `index`'s current value (the typed handles).
pub(crate) fn with_builtin_value<R>(index: usize, name: &str, f: impl FnOnce(&GucValue) -> R) -> R {
    with_registry(|reg| {
        let var = &reg.vars[index];
        debug_assert_eq!(var.def.name, name, "handle index and table order disagree");
        f(&var.value)
    })
}

/// The label of built-in enum setting `index`'s current value.
pub(crate) fn builtin_enum_label(index: usize, name: &str) -> &'static str {
    with_registry(|reg| {
        let var = &reg.vars[index];
        debug_assert_eq!(var.def.name, name, "handle index and table order disagree");
        match var.value {
            GucValue::Enum(v) => enum_label(&var.def, v),
            _ => unreachable!("built-in setting \"{name}\" is not an enum"),
        }
    })
}

fn wrong_type(name: &str, wanted: &str) -> PgError {
    PgError::internal(format!("parameter \"{name}\" is not of type {wanted}"))
}

/// The current value of an integer setting, in its base unit (an enum's number also).
pub fn get_int(name: &str) -> PgResult<i32> {
    with_registry(|reg| match reg.vars[reg.find_or_error(name)?].value {
        GucValue::Int(v) | GucValue::Enum(v) => Ok(v),
        _ => Err(wrong_type(name, "integer")),
    })
}

/// The current value of a Boolean setting.
pub fn get_bool(name: &str) -> PgResult<bool> {
    with_registry(|reg| match reg.vars[reg.find_or_error(name)?].value {
        GucValue::Bool(v) => Ok(v),
        _ => Err(wrong_type(name, "bool")),
    })
}

/// The current value of a real (or integer) setting, in its base unit.
pub fn get_real(name: &str) -> PgResult<f64> {
    with_registry(|reg| match reg.vars[reg.find_or_error(name)?].value {
        GucValue::Real(v) => Ok(v),
        GucValue::Int(v) => Ok(f64::from(v)),
        _ => Err(wrong_type(name, "real")),
    })
}

/// The current value of an enum setting as its stored number (message
/// levels are [`crate::elevel`] numbers, isolation levels `XACT_*`).
pub fn get_enum(name: &str) -> PgResult<i32> {
    with_registry(|reg| match reg.vars[reg.find_or_error(name)?].value {
        GucValue::Enum(v) => Ok(v),
        _ => Err(wrong_type(name, "enum")),
    })
}

/// The current value as text without units (`GetConfigOption`): strings as
/// they are, enums by name, Booleans `on`/`off`, numbers in their base unit.
pub fn get_string(name: &str) -> PgResult<String> {
    with_registry(|reg| {
        let var = &reg.vars[reg.find_or_error(name)?];
        Ok(canonical_text(&var.def, &var.value))
    })
}

/// Like [`get_string`], but None for an unknown name (`current_setting(name, true)`).
pub fn get_config_option(name: &str) -> Option<String> {
    get_string(name).ok()
}

/// Installs a check hook for a setting, replacing any built-in check, and
/// re-validates the current value through it. A setting whose current value
/// the hook rejects goes back to its boot value if that passes.
pub fn register_check_hook(name: &str, hook: CheckHook) -> PgResult<()> {
    with_registry(|reg| -> PgResult<()> {
        let idx = reg.find_or_error(name)?;
        reg.vars[idx].check = Some(Check::Hook(hook));
        Ok(())
    })?;
    // Normalise the values already in place (e.g. TimeZone's boot value).
    for which in [false, true] {
        let text = with_registry(|reg| {
            let var = &reg.vars[reg.find(name).expect("found above")];
            match (which, &var.value, &var.reset) {
                (false, GucValue::String(s), _) | (true, _, GucValue::String(s)) => Some(s.clone()),
                _ => None,
            }
        });
        let Some(text) = text else { continue };
        let normalised = hook(&text).ok();
        with_registry(|reg| {
            let idx = reg.find(name).expect("found above");
            let boot = boot_value(&reg.vars[idx].def.kind);
            let var = &mut reg.vars[idx];
            let slot = if which { &mut var.reset } else { &mut var.value };
            *slot = match normalised {
                Some(s) => GucValue::String(s),
                None => boot,
            };
        });
    }
    Ok(())
}

/// Installs a show hook: SHOW and pg_settings print what it returns. The
/// hook runs while the registry is borrowed, so it must not read settings.
pub fn register_show_hook(name: &str, hook: ShowHook) -> PgResult<()> {
    with_registry(|reg| {
        let idx = reg.find_or_error(name)?;
        reg.vars[idx].show = Some(hook);
        Ok(())
    })
}

/// Installs a hook called with the canonical text whenever the setting's
/// value changes; it is called once now with the current value.
pub fn register_assign_hook(name: &str, hook: AssignHook) -> PgResult<()> {
    let text = with_registry(|reg| -> PgResult<String> {
        let idx = reg.find_or_error(name)?;
        let var = &mut reg.vars[idx];
        var.assign = Some(hook);
        Ok(canonical_text(&var.def, &var.value))
    })?;
    hook(&text);
    Ok(())
}

/// Defines a setting at run time (`DefineCustom*Variable`), typically with a
/// dotted name. A placeholder created earlier by `SET myext.x = ...` is
/// replaced and its value re-applied if the new definition accepts it.
pub fn define_custom_variable(def: GucDefinition) -> PgResult<()> {
    let name = def.name.to_string();
    let placeholder = with_registry(|reg| -> PgResult<Option<(String, GucSource)>> {
        match reg.find(&def.name) {
            Some(idx) if reg.vars[idx].def.flags.contains(GucFlags::CUSTOM_PLACEHOLDER) => {
                let var = &mut reg.vars[idx];
                let old = match (&var.value, var.source) {
                    (GucValue::String(s), source) if source > GucSource::Default => Some((s.clone(), source)),
                    _ => None,
                };
                let value = boot_value(&def.kind);
                var.def = def;
                var.reset = value.clone();
                var.value = value;
                var.source = GucSource::Default;
                var.reset_source = GucSource::Default;
                reg.track_report(idx);
                Ok(old)
            }
            Some(_) => Err(PgError::internal(format!("attempt to redefine parameter \"{}\"", def.name))),
            None => {
                reg.add(def);
                Ok(None)
            }
        }
    })?;
    if let Some((value, source)) = placeholder {
        // A value the real definition rejects is dropped: PostgreSQL warns and
        // keeps the default, and a definition must not fail because of it.
        let _ = set_config_option_ext(&name, Some(&value), GucContext::Internal, source, GucAction::Set);
    }
    Ok(())
}

/// Marks the start of a transaction (`StartTransaction`'s `AtStart_GUC`
/// and first `NewGUCNestLevel`): opens nest level 1, and the current
/// transaction's isolation level and read-only state start from their defaults.
pub fn at_transaction_start() {
    let mut hooks = Vec::new();
    with_registry(|reg| {
        // A level left open by a caller's bug would leak its SETs into this
        // transaction: undo them (PostgreSQL warns and starts over likewise).
        if reg.nest_level != 0 {
            hooks = reg.at_eoxact(false, 1);
        }
        reg.nest_level = 1;
        // The server sets these at each start, so pg_settings shows them
        // with source "override", as PostgreSQL's does.
        for (from, to) in [
            ("default_transaction_isolation", "transaction_isolation"),
            ("default_transaction_read_only", "transaction_read_only"),
            ("default_transaction_deferrable", "transaction_deferrable"),
        ] {
            let (Some(f), Some(t)) = (reg.find(from), reg.find(to)) else { continue };
            reg.vars[t].value = reg.vars[f].value.clone();
            reg.vars[t].source = GucSource::Override;
        }
    });
    for (hook, text) in hooks {
        hook(&text);
    }
}

/// Opens a nest level inside the transaction (`NewGUCNestLevel`) and returns
/// it: call it when a savepoint (subtransaction) starts, and keep the number
/// to close the level with [`at_eoxact`]. The transaction itself is level 1
/// ([`at_transaction_start`]); outside a transaction this returns 1 as well,
/// and the changes made are then scoped to that level.
pub fn new_nest_level() -> u32 {
    with_registry(|reg| {
        reg.nest_level += 1;
        reg.nest_level
    })
}

/// The innermost open nest level (`GUCNestLevel`): 0 outside a transaction.
pub fn nest_level() -> u32 {
    with_registry(|reg| reg.nest_level)
}

/// Closes nest level `nest_level` and any level opened inside it
/// (`AtEOXact_GUC(commit, nest_level)`); afterwards the innermost open level
/// is `nest_level - 1`.
///
/// - `commit = false` (ROLLBACK, ROLLBACK TO SAVEPOINT, an aborted
///   subtransaction): every SET, SET LOCAL and RESET made at those levels is
///   undone.
/// - `commit = true` at level 1 (COMMIT): SETs stay, SET LOCALs are undone.
/// - `commit = true` at a savepoint's level (RELEASE): the changes stay and
///   now belong to the enclosing level, so rolling that level back still
///   undoes them; a SET LOCAL stays in force until the transaction ends.
pub fn at_eoxact(nest_level: u32, commit: bool) {
    let hooks = with_registry(|reg| reg.at_eoxact(commit, nest_level));
    for (hook, text) in hooks {
        hook(&text);
    }
}

/// Commit (`AtEOXact_GUC(true, 1)`): SETs stay, SET LOCALs are undone.
pub fn at_transaction_commit() {
    at_eoxact(1, true);
}

/// Abort (`AtEOXact_GUC(false, 1)`): every change of the transaction is undone.
pub fn at_transaction_abort() {
    at_eoxact(1, false);
}

/// Every `GUC_REPORT` setting with its value, for the ParameterStatus
/// messages sent after authentication; starts change tracking.
pub fn report_all() -> Vec<(String, String)> {
    with_registry(|reg| {
        reg.reporting_enabled = true;
        let mut out = Vec::new();
        for pos in 0..reg.report.len() {
            let var = &mut reg.vars[reg.report[pos].1];
            let shown = show_value(&var.def, &var.value);
            var.reported = Some(shown.clone());
            out.push((var.def.name.to_string(), shown));
        }
        out
    })
}

/// The `GUC_REPORT` settings whose shown value changed since they were last
/// reported, for ParameterStatus messages before ReadyForQuery. Empty until
/// [`report_all`] has been called.
pub fn take_reported_changes() -> Vec<(String, String)> {
    with_registry(|reg| {
        if !reg.reporting_enabled {
            return Vec::new();
        }
        let mut out = Vec::new();
        for pos in 0..reg.report.len() {
            let var = &mut reg.vars[reg.report[pos].1];
            let shown = show_value(&var.def, &var.value);
            if var.reported.as_deref() != Some(shown.as_str()) {
                var.reported = Some(shown.clone());
                out.push((var.def.name.to_string(), shown));
            }
        }
        out
    })
}

/// Every setting's definition with its current and default values as SHOW prints them.
pub(crate) fn definitions_with_values() -> Vec<(GucDefinition, String, String)> {
    let dynamic = dynamic_defaults();
    with_registry(|reg| {
        reg.vars
            .iter()
            .map(|var| {
                // The default as this server computes it: the dynamic default
                // where there is one, else the boot value.
                let default = match dynamic.iter().find(|(n, _)| *n == var.def.name) {
                    Some((_, text)) => parse_and_validate_value(&var.def, &var.def.name, text)
                        .expect("dynamic defaults are valid values"),
                    None => boot_value(&var.def.kind),
                };
                (var.def.clone(), show_value(&var.def, &var.value), show_value(&var.def, &default))
            })
            .collect()
    })
}

/// Settings whose reset value came from the configuration file, with their
/// context: a reload resets those no longer in the file.
pub(crate) fn settings_from_file() -> Vec<(String, GucContext)> {
    with_registry(|reg| {
        reg.by_name
            .iter()
            .map(|(_, idx)| &reg.vars[*idx])
            .filter(|var| var.reset_source == GucSource::File)
            .map(|var| (var.def.name.to_string(), var.def.context))
            .collect()
    })
}

/// Lowers the file source of a setting removed from the file to Default,
/// then resets it (`ProcessConfigFileInternal`'s removal step).
pub(crate) fn reset_removed_from_file(name: &str) -> PgResult<()> {
    with_registry(|reg| {
        if let Some(idx) = reg.find(name) {
            let var = &mut reg.vars[idx];
            if var.reset_source == GucSource::File {
                var.reset_source = GucSource::Default;
            }
            if var.source == GucSource::File {
                var.source = GucSource::Default;
            }
            for entry in &mut var.stack {
                if entry.prior.1 == GucSource::File {
                    entry.prior.1 = GucSource::Default;
                }
            }
        }
    });
    set_config_option_ext(name, None, GucContext::Sighup, GucSource::Default, GucAction::Set)?;
    // Back at its boot value, a setting with a computed default takes that
    // again (PostgreSQL re-runs its dynamic defaults after a reload).
    if let Some((_, text)) = dynamic_defaults().into_iter().find(|(n, _)| *n == name) {
        with_registry(|reg| reg.apply_dynamic_default(name, &text));
    }
    Ok(())
}

// ---- sysviews
/// Whether a reload would apply the configuration file's `name = value`
/// (`set_config_option` with `changeVal = false`, as
/// `pg_show_all_file_settings` asks it): the setting may come from the
/// file, the value parses and passes the setting's check, and a
/// restart-only setting keeps its current value. Nothing is changed.
pub(crate) fn file_value_applies(name: &str, value: &str) -> bool {
    let planned = with_registry(|reg| {
        let Some(idx) = reg.find(name) else { return Some(None) };
        let var = &reg.vars[idx];
        if var.def.context == GucContext::Internal || var.def.flags.contains(GucFlags::DISALLOW_IN_FILE) {
            return None;
        }
        let parsed = parse_and_validate_value(&var.def, name, value).ok()?;
        let input = match &parsed {
            GucValue::String(s) => s.clone(),
            other => canonical_text(&var.def, other),
        };
        let check = var.check.map(|c| (c, canonical_text(&var.def, &var.value), canonical_text(&var.def, &var.reset)));
        Some(Some((parsed, input, check, var.def.context == GucContext::Postmaster, var.value.clone())))
    });
    let (mut parsed, input, check, restart_only, current) = match planned {
        // A custom placeholder (`myext.x`) is taken as written.
        Some(None) => return valid_custom_variable_name(name),
        Some(Some(p)) => p,
        None => return false,
    };
    if let Some((check, current_text, reset_text)) = check {
        let result = match check {
            Check::Builtin(f) => f(&input, &current_text, &reset_text),
            Check::Hook(f) => f(&input),
        };
        match result {
            Ok(normalised) => {
                if let GucValue::String(s) = &mut parsed {
                    *s = normalised;
                }
            }
            Err(_) => return false,
        }
    }
    !restart_only || parsed == current
}

/// Whether a name is known or acceptable as a custom placeholder (config-file pre-check).
pub(crate) fn is_known_or_custom(name: &str) -> bool {
    with_registry(|reg| reg.find(name).is_some()) || valid_custom_variable_name(name)
}

/// Whether this process is a postmaster child.
pub(crate) fn is_under_postmaster() -> bool {
    with_registry(|reg| reg.under_postmaster)
}
