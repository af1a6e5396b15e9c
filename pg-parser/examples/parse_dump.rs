//! Reads one query per line from stdin (`\n` escapes a newline) and prints, per query, either
//! `OK <deparsed statements>` or `ERROR <sqlstate> <message> @<position>`: a tool for comparing
//! this parser with PostgreSQL by hand.
use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let sql = line.replace("\\n", "\n");
        match pg_parser::parse(&sql) {
            Ok(stmts) => {
                let s: Vec<String> = stmts.iter().map(|s| s.stmt.to_string()).collect();
                println!("OK {}", s.join(" ; ").replace('\n', "\\n"));
            }
            Err(e) => {
                println!(
                    "ERROR {} {} @{}",
                    e.code,
                    e.message.replace('\n', "\\n"),
                    e.position.map(|p| p.to_string()).unwrap_or_default()
                )
            }
        }
    }
}
