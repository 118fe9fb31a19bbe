//! Time `Store::timeline` on an existing ledger (docs/performance.md, "Timeline").
//!
//! `cargo run -p policy-ledger-core --example timeline_time -- LEDGER.sqlite3 [MARKER]`
//! Prints the median of 7 calls for each grouping and a text filter, with what was returned.

use std::time::Instant;

use policy_ledger_core::store::{TimelineGrouping, TimelineQuery};
use policy_ledger_core::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: timeline_time LEDGER [YYYY-MM-DD]")?;
    let marker = args.next().map(|s| s.parse()).transpose()?;
    let store = Store::open(path.as_ref())?;
    let cases = [
        ("issuer", TimelineGrouping::Issuer, None),
        ("package", TimelineGrouping::Package, None),
        ("category", TimelineGrouping::Category, None),
        (
            "issuer, text 补贴",
            TimelineGrouping::Issuer,
            Some("补贴".to_string()),
        ),
    ];
    for (name, group_by, text) in cases {
        let q = TimelineQuery {
            group_by,
            marker,
            text,
            ..Default::default()
        };
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..7 {
            let started = Instant::now();
            let t = store.timeline(&q)?;
            times.push(started.elapsed());
            last = Some(t);
        }
        times.sort();
        let t = last.expect("seven runs");
        let bars: usize = t.groups.iter().map(|g| g.bars.len()).sum();
        let json = serde_json::to_vec(&t)?.len();
        println!(
            "{name:<20} median {:>7.1} ms  matched {:>6}  groups {:>4}/{:<4}  bars {:>5}  expiring {:>4}/{:<5}  JSON {:>7} bytes",
            times[times.len() / 2].as_secs_f64() * 1000.0,
            t.matched,
            t.groups.len(),
            t.groups_total,
            bars,
            t.expiring.len(),
            t.expiring_total,
            json
        );
    }
    Ok(())
}
