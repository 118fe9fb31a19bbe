// Temporary probe (not committed): prints find_values for each stdin line.
use std::io::BufRead;
fn main() {
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let vs = policy_ledger_core::extract::values::find_values(&line);
        let cat = policy_ledger_core::extract::issuers::categorize(&line);
        println!(
            "{line}\n    cat={cat} {}",
            vs.iter()
                .map(|v| format!(
                    "[{}..{} {}]",
                    v.start,
                    v.end,
                    serde_json::to_string(&v.value).unwrap()
                ))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}
