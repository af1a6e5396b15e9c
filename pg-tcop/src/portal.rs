//! Portals and cursors (PostgreSQL's `tcop/pquery.c` PortalStart /
//! PortalRunSelect / PortalRunFetch, `utils/mmgr/portalmem.c` and
//! `commands/portalcmds.c`).
//!
//! A [`Portal`] is a query in execution: the extended protocol's Bind
//! makes one, and so does DECLARE CURSOR. A query portal owns a
//! `pg_executor::QueryDesc`, so its plan state survives between protocol
//! messages: Execute with a row limit and FETCH pull only the rows they
//! need and a later call resumes where the last stopped. Each portal has
//! its own `PortalContext` (the executor's `ExecutorState` is its child)
//! and a resource owner under the (sub)transaction that created it; while
//! it runs, that owner is `CurrentResourceOwner`, so temporary files and
//! other resources the executor takes are released with the portal.
//!
//! Scrolling: the executor's nodes only run forward. A scrollable cursor
//! (SCROLL, or no option over a plan PostgreSQL could scan backward) and a
//! holdable one keep every row they have read in a tuplestore
//! (`pg_executor::tuplestore`, in the portal's context, spilling to a
//! temporary file past `work_mem`), which is what PostgreSQL's planner
//! achieves by putting a Material node on top of a scrollable cursor's
//! plan; moving backward reads the store. The position
//! bookkeeping (`at_start`, `at_end`, `portal_pos`) and the translation of
//! each FETCH direction into forward and backward runs follow
//! `PortalRunSelect` and `DoPortalRunFetch` step by step, so every FETCH and
//! MOVE answers as PostgreSQL's does.
//!
//! Lifetime: a portal belongs to the (sub)transaction level that created
//! it. Commit drops the transaction's portals except WITH HOLD cursors,
//! which first read their remaining rows into the store
//! (`PersistHoldablePortal`) and then outlive the transaction. An abort
//! drops the portals its levels created; a portal created outside that was
//! running when the error came is marked failed ("portal cannot be run").
//! RELEASE hands a savepoint's portals to the enclosing level.

use crate::extended::PreparedStatement;
use pg_error::{PgError, PgResult, SqlState};
use pg_executor::tuplestore::Tuplestore;
use pg_executor::{ColumnInfo, DestReceiver, QueryDesc};
use pg_mcxt::MemoryContext;
use pg_parser::ast::{CursorOptions, FetchDirection, FETCH_ALL};
use pg_planner::{Plan, PlannedStmt};
use pg_proc::resowner::{self, ResourceOwner};
use pg_types::Datum;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::sync::Arc;

/// What `pg_cursors` shows of one cursor.
#[derive(Clone, Debug)]
pub struct CursorRow {
    /// The whole query string the DECLARE came in.
    pub statement: String,
    /// WITH HOLD.
    pub is_holdable: bool,
    /// BINARY.
    pub is_binary: bool,
    /// Whether it may move backward.
    pub is_scrollable: bool,
    /// When it was declared (the statement's start time).
    pub creation_time: i64,
}

thread_local! {
    /// The cursors `pg_cursor()` lists (visible portals), by name. Kept
    /// apart from the portal table so that a query reading `pg_cursors`
    /// while a cursor runs sees that cursor too.
    static VISIBLE_CURSORS: RefCell<BTreeMap<String, CursorRow>> = const { RefCell::new(BTreeMap::new()) };
}

/// `pg_cursor()`: one row per open cursor (name, statement, is_holdable,
/// is_binary, is_scrollable, creation_time).
pub fn pg_cursor(_args: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    Ok(VISIBLE_CURSORS.with(|v| {
        v.borrow()
            .iter()
            .map(|(name, c)| {
                vec![
                    Datum::Text(name.clone()),
                    Datum::Text(c.statement.clone()),
                    Datum::Bool(c.is_holdable),
                    Datum::Bool(c.is_binary),
                    Datum::Bool(c.is_scrollable),
                    Datum::TimestampTz(c.creation_time),
                ]
            })
            .collect()
    }))
}

/// 55000 "cursor can only scan forward".
fn scan_forward_error() -> PgError {
    PgError::new(SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward")
        .with_hint("Declare it with SCROLL option to enable backward scan.")
}

/// `ExecSupportsBackwardScan`: whether PostgreSQL's executor could run this
/// plan backward, which decides whether a cursor declared without SCROLL
/// or NO SCROLL is scrollable.
pub fn supports_backward_scan(plan: &Plan) -> bool {
    match plan {
        // A scan of a function's or a VALUES list's rows reads a
        // materialised result; Sort keeps its sorted rows.
        Plan::FunctionScan { .. } | Plan::Sort { .. } | Plan::Material { .. } => true,
        Plan::SubqueryScan { subplan, .. } => supports_backward_scan(subplan),
        Plan::InitPlans { input, .. } => supports_backward_scan(input),
        Plan::Limit { input, .. } => supports_backward_scan(input),
        Plan::Append { inputs, .. } => inputs.iter().all(supports_backward_scan),
        // Result without an input, Agg, Unique, SetOp, Nested Loop and
        // ProjectSet cannot; nor can any node not named here.
        _ => false,
    }
}

/// Collects rows (`DestTuplestore`): the row a scrollable cursor reads into
/// its store, and a FETCH run through the extended protocol, whose rows the
/// outer portal keeps for Execute to hand out `max_rows` at a time.
#[derive(Default)]
pub struct CollectRows(pub Vec<Vec<Datum>>);

impl DestReceiver for CollectRows {
    fn startup(&mut self, _: &[ColumnInfo]) -> PgResult<()> {
        Ok(())
    }
    fn receive(&mut self, row: &[Datum]) -> PgResult<()> {
        self.0.push(row.to_vec());
        Ok(())
    }
    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}

/// The rows of a utility statement that returns rows (FETCH) through
/// Execute: PostgreSQL's PORTAL_UTIL_SELECT runs the statement whole into
/// the portal's store, then returns them `max_rows` at a time.
pub struct HeldRows {
    /// Rows not sent yet.
    pub rows: std::collections::VecDeque<Vec<Datum>>,
    /// Their column types.
    pub types: Vec<u32>,
    /// The command tag's word: `FETCH` (its count is the rows sent by the
    /// Execute that completes) or `SHOW` (no count).
    pub tag: &'static str,
}

/// `DestNone`: MOVE, and the rows FETCH ABSOLUTE / RELATIVE skip.
pub struct DestNone;

impl DestReceiver for DestNone {
    fn startup(&mut self, _: &[ColumnInfo]) -> PgResult<()> {
        Ok(())
    }
    fn receive(&mut self, _: &[Datum]) -> PgResult<()> {
        Ok(())
    }
    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}

/// A query portal's execution state (PORTAL_ONE_SELECT).
pub struct SelectRun {
    /// The executor, until the plan is exhausted (and persisted, for a
    /// held cursor).
    query: Option<QueryDesc>,
    columns: Vec<ColumnInfo>,
    /// Every row read so far, for a scrollable or holdable portal (its
    /// read pointer 0 follows `phys`).
    store: Option<Tuplestore>,
    /// The executor returned its last row.
    exhausted: bool,
    /// Position in the store: 0 before the first row, k on row k, one past
    /// the stored rows after the last (only once exhausted).
    phys: usize,
    /// PostgreSQL's `atStart`, `atEnd` and `portalPos`.
    at_start: bool,
    at_end: bool,
    portal_pos: u64,
    /// Backward movement refused (NO SCROLL, and protocol portals).
    no_scroll: bool,
}

impl SelectRun {
    /// `PortalStart`: the executor is set up; no row is computed yet.
    /// `keep_rows` makes the portal keep what it reads (scrollable or
    /// holdable cursors).
    pub fn start(
        plan: Arc<PlannedStmt>,
        params: Vec<Datum>,
        context: &MemoryContext,
        keep_rows: bool,
        no_scroll: bool,
    ) -> SelectRun {
        let settings = crate::exec::output_settings();
        let query = QueryDesc::start(plan, params, settings, pg_proc::interrupts::check_for_interrupts, context);
        SelectRun {
            columns: query.columns().to_vec(),
            query: Some(query),
            store: keep_rows.then(|| Tuplestore::new(pg_executor::work_mem_kb(), context.clone())),
            exhausted: false,
            phys: 0,
            at_start: true,
            at_end: false,
            portal_pos: 0,
            no_scroll,
        }
    }

    /// The result columns.
    pub fn columns(&self) -> &[ColumnInfo] {
        &self.columns
    }

    /// The CommandComplete tag of a run that reached the end after sending
    /// `rows` rows: `SELECT n`, `EXPLAIN`, or for INSERT, UPDATE and DELETE
    /// the rows they changed (`INSERT 0 n`, ...).
    pub fn completion_tag(&self, rows: u64) -> String {
        match self.query.as_ref().map(|q| q.command_tag()) {
            Some(t) if t.command != pg_executor::CommandKind::Select => t.to_string(),
            _ => format!("SELECT {rows}"),
        }
    }

    /// Whether the plan is a SELECT (or EXPLAIN), not INSERT, UPDATE or DELETE.
    pub fn is_select(&self) -> bool {
        self.query
            .as_ref()
            .is_none_or(|q| q.plan().explain.is_some() || q.plan().command == pg_analyze::CmdType::Select)
    }

    /// Whether the last run reached the end (`atEnd`).
    pub fn at_end(&self) -> bool {
        self.at_end
    }

    /// Reads one more row from the executor into the store; false at the end.
    fn read_into_store(&mut self) -> PgResult<bool> {
        let Some(query) = self.query.as_mut().filter(|_| !self.exhausted) else { return Ok(false) };
        let mut one = CollectRows::default();
        let r = query.run(&mut one, 1)?;
        match one.0.pop() {
            Some(row) if r.rows == 1 => {
                self.store.as_mut().expect("only portals with a store read into it").put(row)?;
                Ok(true)
            }
            _ => {
                self.exhausted = true;
                Ok(false)
            }
        }
    }

    /// Moves `count` rows (0 = all) in one direction, sending them to
    /// `dest`; `moving` false only starts and shuts down the destination
    /// (`NoMovementScanDirection`). Returns the rows sent.
    fn scan(&mut self, forward: bool, count: u64, moving: bool, dest: &mut dyn DestReceiver) -> PgResult<u64> {
        let limit = if count == 0 { u64::MAX } else { count };
        if self.store.is_none() {
            if !forward && moving {
                return Err(PgError::internal("backward scan of a portal without a store"));
            }
            return match self.query.as_mut().filter(|_| moving && !self.exhausted) {
                Some(query) => {
                    let r = query.run(dest, count)?;
                    self.exhausted = r.finished;
                    Ok(r.rows)
                }
                None => {
                    dest.startup(&self.columns)?;
                    dest.shutdown()?;
                    Ok(0)
                }
            };
        }
        dest.startup(&self.columns)?;
        let mut sent = 0u64;
        while moving && sent < limit {
            if forward {
                if self.phys as u64 >= self.stored() && !self.read_into_store()? {
                    self.phys = self.stored() as usize + 1;
                    break;
                }
                self.phys += 1;
            } else {
                if self.phys <= 1 {
                    self.phys = 0;
                    break;
                }
                self.phys -= 1;
            }
            pg_proc::interrupts::check_for_interrupts()?;
            let row = self.stored_row(self.phys as u64)?;
            dest.receive(&row)?;
            sent += 1;
        }
        dest.shutdown()?;
        Ok(sent)
    }

    /// Rows in the store.
    fn stored(&self) -> u64 {
        self.store.as_ref().map_or(0, Tuplestore::len)
    }

    /// Row `r` (1-based) of the store. The read pointer is always within a
    /// row or two of it (the cursor moves one row at a time), so it steps
    /// there rather than seeking, which on disk would walk from the start.
    fn stored_row(&mut self, r: u64) -> PgResult<Vec<Datum>> {
        let store = self.store.as_mut().expect("only portals with a store read from it");
        // get_next returns the row after the pointer (row position+1) and
        // moves past it; get_prev returns the row before it (row position)
        // and moves back over it.
        let mut row = None;
        if store.position(0) < r {
            while store.position(0) < r {
                row = store.get_next(0)?;
                if row.is_none() {
                    break;
                }
            }
        } else {
            while store.position(0) >= r {
                row = store.get_prev(0)?;
                if row.is_none() {
                    break;
                }
            }
        }
        row.ok_or_else(|| PgError::internal("cursor position outside its store"))
    }

    /// `PortalRunSelect`: runs `count` rows (FETCH_ALL for all) forward or
    /// backward and keeps PostgreSQL's position bookkeeping.
    pub fn run_select(&mut self, forward: bool, count: i64, dest: &mut dyn DestReceiver) -> PgResult<u64> {
        if forward {
            let moving = !(self.at_end || count <= 0);
            let count = if !moving || count == FETCH_ALL { 0 } else { count as u64 };
            let n = self.scan(true, count, moving, dest)?;
            if moving {
                if n > 0 {
                    self.at_start = false;
                }
                if count == 0 || n < count {
                    self.at_end = true;
                }
                self.portal_pos += n;
            }
            Ok(n)
        } else {
            if self.no_scroll {
                return Err(scan_forward_error());
            }
            let moving = !(self.at_start || count <= 0);
            let count = if !moving || count == FETCH_ALL { 0 } else { count as u64 };
            let n = self.scan(false, count, moving, dest)?;
            if moving {
                if n > 0 && self.at_end {
                    self.at_end = false;
                    self.portal_pos += 1;
                }
                if count == 0 || n < count {
                    self.at_start = true;
                    self.portal_pos = 0;
                } else {
                    self.portal_pos = self.portal_pos.saturating_sub(n);
                }
            }
            Ok(n)
        }
    }

    /// `DoPortalRewind`: back to before the first row.
    fn rewind(&mut self) -> PgResult<()> {
        // Nothing read and nothing tried: no work, and no NO SCROLL error.
        if self.at_start && !self.at_end {
            return Ok(());
        }
        if self.no_scroll || self.store.is_none() {
            return Err(scan_forward_error());
        }
        self.phys = 0;
        if let Some(store) = &mut self.store {
            store.rescan(0);
        }
        self.at_start = true;
        self.at_end = false;
        self.portal_pos = 0;
        Ok(())
    }

    /// `DoPortalRunFetch`: one FETCH or MOVE (`is_move`: `dest` is
    /// `DestNone`). Returns the count for the command tag.
    pub fn run_fetch(
        &mut self,
        direction: FetchDirection,
        count: i64,
        is_move: bool,
        dest: &mut dyn DestReceiver,
    ) -> PgResult<u64> {
        let (mut forward, mut count) = match direction {
            FetchDirection::Forward if count < 0 => (false, -count),
            FetchDirection::Forward => (true, count),
            FetchDirection::Backward if count < 0 => (true, -count),
            FetchDirection::Backward => (false, count),
            FetchDirection::Absolute => {
                if count > 0 {
                    // Rewind and advance count-1 rows, or, when the target is
                    // nearer the current position, move from there.
                    if count - 1 <= (self.portal_pos / 2) as i64 {
                        self.rewind()?;
                        if count > 1 {
                            self.run_select(true, count - 1, &mut DestNone)?;
                        }
                    } else {
                        let mut pos = self.portal_pos as i64;
                        if self.at_end {
                            pos += 1; // one extra fetch when off the end
                        }
                        if count <= pos {
                            self.run_select(false, pos - count + 1, &mut DestNone)?;
                        } else if count > pos + 1 {
                            self.run_select(true, count - pos - 1, &mut DestNone)?;
                        }
                    }
                    return self.run_select(true, 1, dest);
                } else if count < 0 {
                    // To the end, back abs(count)-1 rows, return the one before.
                    self.run_select(true, FETCH_ALL, &mut DestNone)?;
                    if count < -1 {
                        self.run_select(false, -count - 1, &mut DestNone)?;
                    }
                    return self.run_select(false, 1, dest);
                } else {
                    self.rewind()?;
                    return self.run_select(true, 0, dest);
                }
            }
            FetchDirection::Relative => {
                if count > 0 {
                    if count > 1 {
                        self.run_select(true, count - 1, &mut DestNone)?;
                    }
                    return self.run_select(true, 1, dest);
                } else if count < 0 {
                    if count < -1 {
                        self.run_select(false, -count - 1, &mut DestNone)?;
                    }
                    return self.run_select(false, 1, dest);
                }
                // RELATIVE 0 is FETCH FORWARD 0.
                (true, 0)
            }
        };
        if count == 0 {
            // Re-fetch the current row, if the cursor is on one.
            let on_row = !self.at_start && !self.at_end;
            if is_move {
                return Ok(u64::from(on_row));
            }
            if on_row {
                self.run_select(false, 1, &mut DestNone)?;
                count = 1;
                forward = true;
            }
        }
        if !forward && count == FETCH_ALL && is_move {
            // MOVE BACKWARD ALL is a rewind.
            let mut result = self.portal_pos;
            if result > 0 && !self.at_end {
                result -= 1;
            }
            self.rewind()?;
            return Ok(result);
        }
        self.run_select(forward, count, dest)
    }

    /// `PersistHoldablePortal`: reads every remaining row into the store
    /// and ends the executor, so the cursor outlives its transaction. The
    /// position does not change.
    pub fn persist(&mut self) -> PgResult<()> {
        if self.store.is_none() {
            return Err(PgError::internal("holdable portal has no store"));
        }
        while self.read_into_store()? {}
        self.query = None;
        Ok(())
    }
}

/// What a portal runs.
pub enum PortalBody {
    /// An empty query string: EmptyQueryResponse.
    Empty,
    /// A utility statement, run at the first Execute (PORTAL_MULTI_QUERY).
    Utility {
        /// Whether it ran already.
        done: bool,
        /// Bound parameter values (DECLARE CURSOR's query may have some).
        params: Vec<Datum>,
        /// A FETCH's rows still to hand out.
        held: Option<HeldRows>,
    },
    /// A query (PORTAL_ONE_SELECT).
    Select(Box<SelectRun>),
}

/// A portal (`PortalData`).
pub struct Portal {
    /// Its name ("" for the unnamed portal).
    pub name: String,
    /// The query string it came from.
    pub source_text: String,
    /// The prepared statement of a Bind portal.
    pub stmt: Option<Rc<PreparedStatement>>,
    /// Result formats (Bind's, or binary for a BINARY cursor).
    pub result_formats: Vec<i16>,
    /// What it runs.
    pub body: PortalBody,
    /// DECLARE CURSOR's options, for a cursor (a visible portal).
    pub cursor: Option<CursorOptions>,
    /// The transaction nest level that created it (`createSubid`); 0 for a
    /// held cursor that outlived its transaction.
    pub create_level: usize,
    /// A run failed while an outer transaction level stays alive
    /// (PORTAL_FAILED): it cannot be run again.
    pub failed: bool,
    /// What the statement log calls it: the prepared statement's name
    /// (`<unnamed>`), then `/portal` for a named portal.
    pub log_name: String,
    /// The bound parameters as the statement log shows them (kept only
    /// while statement logging is on).
    pub params_log: Option<String>,
    /// The bound parameters for the CONTEXT of an error while it runs
    /// (`paramValuesStr`: kept when `log_parameter_max_length_on_error`
    /// is not 0).
    pub params_on_error: Option<String>,
    /// Whether an Execute ran it already (`execute fetch from` in the log).
    pub executed: bool,
    /// The bound parameter values' bytes, charged to the portal's context
    /// as PostgreSQL keeps them there (they live in the global allocator).
    pub param_charge: Option<pg_mcxt::MemoryCharge>,
    owner: ResourceOwner,
    context: MemoryContext,
}

impl Portal {
    /// `CreatePortal`: a new portal under `parent_owner` (the creating
    /// (sub)transaction's resource owner), with its own `PortalContext`.
    pub fn new(name: &str, source_text: &str, create_level: usize, parent_owner: Option<ResourceOwner>) -> Portal {
        Portal {
            name: name.to_string(),
            source_text: source_text.to_string(),
            stmt: None,
            result_formats: Vec::new(),
            body: PortalBody::Empty,
            cursor: None,
            create_level,
            failed: false,
            log_name: String::new(),
            params_log: None,
            params_on_error: None,
            executed: false,
            param_charge: None,
            owner: ResourceOwner::create(parent_owner, "Portal"),
            context: pg_mcxt::create_portal_context(name),
        }
    }

    /// The portal's memory context (`PortalContext`).
    pub fn context(&self) -> &MemoryContext {
        &self.context
    }

    /// The portal's resource owner.
    pub fn owner(&self) -> ResourceOwner {
        self.owner
    }

    /// Whether this is a WITH HOLD cursor.
    pub fn is_holdable(&self) -> bool {
        self.cursor.is_some_and(|c| c.hold)
    }

    /// The query state, for a query portal.
    pub fn select_mut(&mut self) -> Option<&mut SelectRun> {
        match &mut self.body {
            PortalBody::Select(run) => Some(run),
            _ => None,
        }
    }

    /// Whether the last Execute stopped at its row limit with rows left to
    /// send (it answered PortalSuspended): the statement is not over yet.
    pub fn is_suspended(&self) -> bool {
        match &self.body {
            PortalBody::Select(run) => !run.at_end(),
            PortalBody::Utility { held: Some(held), .. } => !held.rows.is_empty(),
            _ => false,
        }
    }

    /// 55000 "portal cannot be run" for a failed portal (`MarkPortalActive`).
    pub fn check_runnable(&self) -> PgResult<()> {
        if self.failed {
            return Err(PgError::new(
                SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
                format!("portal \"{}\" cannot be run", self.name),
            ));
        }
        Ok(())
    }
}

impl Drop for Portal {
    /// `PortalDrop`: ends the executor, deletes the portal's context and
    /// releases its resource owner (leaks are reported as at commit, unless
    /// the portal failed, when its resources are released silently).
    fn drop(&mut self) {
        self.body = PortalBody::Empty;
        if self.cursor.is_some() {
            VISIBLE_CURSORS.with(|v| v.borrow_mut().remove(&self.name));
        }
        if !self.context.is_deleted() {
            self.context.delete();
        }
        let warnings = resowner::release(self.owner, !self.failed);
        resowner::delete(self.owner);
        crate::NOTICES.with(|n| n.borrow_mut().extend(warnings));
    }
}

/// What is left of a portal that an error's abort dropped: PostgreSQL
/// keeps such a portal, failed, until ROLLBACK or ROLLBACK TO cleans its
/// (sub)transaction up, so while the block stays failed Execute and
/// Describe still find it (and answer 25P02), and its name stays taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbortedPortal {
    /// It returns rows (it had a `tupDesc`).
    pub has_columns: bool,
}

/// The session's portals, cursors and Bind portals alike (one namespace,
/// as PostgreSQL's portal hash table).
#[derive(Default)]
pub struct PortalTable {
    portals: HashMap<String, Portal>,
    /// Portals dropped by an abort, by name; meaningful only while the
    /// transaction block is failed (the caller checks), cleared when a
    /// ReadyForQuery reports a block that is not.
    aborted: HashMap<String, AbortedPortal>,
}

impl PortalTable {
    /// Whether no portal exists (none can hold a snapshot).
    pub fn is_empty(&self) -> bool {
        self.portals.is_empty()
    }

    /// Whether a portal of that name exists.
    pub fn contains(&self, name: &str) -> bool {
        self.portals.contains_key(name)
    }

    /// The portal of that name.
    pub fn get(&self, name: &str) -> Option<&Portal> {
        self.portals.get(name)
    }

    /// Adds a portal, replacing (dropping) one of the same name; a cursor
    /// shows in `pg_cursors` from now on.
    pub fn insert(&mut self, portal: Portal, cursor_row: Option<CursorRow>) {
        self.aborted.remove(&portal.name);
        if let Some(row) = cursor_row {
            VISIBLE_CURSORS.with(|v| v.borrow_mut().insert(portal.name.clone(), row));
        }
        if let Some(old) = self.portals.insert(portal.name.clone(), portal) {
            // The replacement's cursor row has the same key: drop the old
            // portal without letting its Drop remove the new row.
            let mut old = old;
            old.cursor = None;
        }
    }

    /// Takes a portal out to run it; [`PortalTable::put_back`] returns it.
    pub fn take(&mut self, name: &str) -> Option<Portal> {
        self.portals.remove(name)
    }

    /// Returns a portal taken out by [`PortalTable::take`].
    pub fn put_back(&mut self, portal: Portal) {
        self.portals.insert(portal.name.clone(), portal);
    }

    /// `PortalDrop` by name; false when there is none.
    pub fn drop_portal(&mut self, name: &str) -> bool {
        let aborted = self.aborted.remove(name).is_some();
        self.portals.remove(name).is_some() || aborted
    }

    /// The portal of that name that an abort dropped (see `AbortedPortal`).
    pub fn aborted(&self, name: &str) -> Option<AbortedPortal> {
        self.aborted.get(name).copied()
    }

    /// `AtCleanup_Portals`: the failed block is over, its portals are gone.
    pub fn forget_aborted(&mut self) {
        if !self.aborted.is_empty() {
            self.aborted = HashMap::new();
        }
    }

    /// CLOSE ALL (`PortalHashTableDeleteAll`).
    pub fn drop_all(&mut self) {
        self.aborted.clear();
        self.portals.clear();
    }

    /// `AtSubCommit_Portals`: a savepoint at `level` was released; portals
    /// it (or a level inside it) created now belong to the enclosing level
    /// and its resource owner.
    pub fn at_subcommit(&mut self, level: usize, parent_owner: Option<ResourceOwner>) {
        for p in self.portals.values_mut() {
            if p.create_level >= level {
                p.create_level = level - 1;
                resowner::reparent(p.owner, parent_owner);
            }
        }
    }

    /// `AtAbort_Portals` / `AtSubAbort_Portals`: level `level` (1 = the
    /// whole transaction) aborted; the portals it and the levels inside it
    /// created are dropped, held cursors from earlier transactions stay.
    pub fn at_abort(&mut self, level: usize) {
        let aborted = &mut self.aborted;
        self.portals.retain(|name, p| {
            let keep = p.create_level < level;
            if !keep {
                // Its resources go silently, as at abort; its name and
                // shape stay for a block that remains failed.
                p.failed = true;
                let has_columns =
                    matches!(p.body, PortalBody::Select(_)) || p.stmt.as_ref().and_then(|s| s.columns()).is_some();
                aborted.insert(name.clone(), AbortedPortal { has_columns });
            }
            keep
        });
    }

    /// `PreCommit_Portals`: before the transaction commits, WITH HOLD
    /// cursors it created read their remaining rows and leave the
    /// transaction; every other portal it created is dropped. An error
    /// here (a held cursor's query failing) fails the commit.
    pub fn pre_commit(&mut self) -> PgResult<()> {
        let names: Vec<String> = self
            .portals
            .iter()
            .filter(|(_, p)| p.create_level > 0 && p.is_holdable())
            .map(|(n, _)| n.clone())
            .collect();
        for name in names {
            let mut portal = self.portals.remove(&name).expect("listed above");
            let owner = portal.owner;
            let r = resowner::with_current(owner, || match portal.select_mut() {
                Some(run) => run.persist(),
                None => Ok(()),
            });
            if let Err(e) = r {
                portal.failed = true;
                return Err(e);
            }
            portal.create_level = 0;
            resowner::reparent(portal.owner, None);
            self.portals.insert(name, portal);
        }
        self.portals.retain(|_, p| p.create_level == 0);
        Ok(())
    }
}
