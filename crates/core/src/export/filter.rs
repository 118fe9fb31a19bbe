//! Choosing the measures an export writes. Pure: no database, no clock.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::options::{FilterReason, FilteredOut, MeasureFilter};
use crate::model::{Measure, MeasureId};

/// The measures that passed the filters, in the order given, and the count of the others.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    pub considered: u32,
    pub measures: Vec<&'a Measure>,
    pub filtered_out: FilteredOut,
}

/// Apply `filter` to `measures` (every measure of the ledger: a package's items are found
/// through their `parent_id`, at any depth).
pub fn select<'a>(measures: &'a [Measure], filter: &MeasureFilter) -> Selection<'a> {
    let package = filter.package.map(|root| package_members(measures, root));
    let issuers: Vec<&str> = trimmed(&filter.issuers);
    let categories: Vec<&str> = trimmed(&filter.categories);
    let mut out = Selection {
        considered: measures.len() as u32,
        measures: Vec::with_capacity(measures.len()),
        filtered_out: FilteredOut::default(),
    };
    for m in measures {
        match rejection(m, filter, &issuers, &categories, package.as_ref()) {
            None => out.measures.push(m),
            Some(reason) => out.filtered_out.add(reason),
        }
    }
    out
}

/// The first condition `m` fails, if any.
fn rejection(
    m: &Measure,
    filter: &MeasureFilter,
    issuers: &[&str],
    categories: &[&str],
    package: Option<&HashSet<MeasureId>>,
) -> Option<FilterReason> {
    if !filter.statuses.is_empty() && !filter.statuses.contains(&m.status) {
        return Some(FilterReason::Status);
    }
    if !matches_any(issuers, m.issuer.as_deref()) {
        return Some(FilterReason::Issuer);
    }
    if !matches_any(categories, m.category.as_deref()) {
        return Some(FilterReason::Category);
    }
    if package.is_some_and(|p| !p.contains(&m.id)) {
        return Some(FilterReason::Package);
    }
    window_rejection(m.effective_from, m.expires_on, filter.from, filter.until)
}

fn trimmed(v: &[String]) -> Vec<&str> {
    v.iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect()
}

fn matches_any(wanted: &[&str], value: Option<&str>) -> bool {
    wanted.is_empty() || value.is_some_and(|v| wanted.contains(&v.trim()))
}

/// Overlap of the validity `[start, end]` with the window `[from, until]`, an unknown bound
/// counting as open on its side.
fn window_rejection(
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Option<FilterReason> {
    if from.is_none() && until.is_none() {
        return None;
    }
    if start.is_none() && end.is_none() {
        return Some(FilterReason::NoDateForWindow);
    }
    let ends_before = matches!((end, from), (Some(e), Some(f)) if e < f);
    let starts_after = matches!((start, until), (Some(s), Some(u)) if s > u);
    (ends_before || starts_after).then_some(FilterReason::OutsideWindow)
}

/// The package `root` and every measure below it.
fn package_members(measures: &[Measure], root: MeasureId) -> HashSet<MeasureId> {
    let mut children: HashMap<MeasureId, Vec<MeasureId>> = HashMap::new();
    for m in measures {
        if let Some(p) = m.parent_id {
            children.entry(p).or_default().push(m.id);
        }
    }
    let mut members = HashSet::from([root]);
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        for &c in children.get(&id).map(Vec::as_slice).unwrap_or(&[]) {
            // The store forbids cycles; the set guards against a damaged import anyway.
            if members.insert(c) {
                stack.push(c);
            }
        }
    }
    members
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MeasureStatus;

    fn m(id: MeasureId, parent: Option<MeasureId>, status: MeasureStatus) -> Measure {
        Measure {
            id,
            uid: format!("u{id}"),
            parent_id: parent,
            title: format!("m{id}"),
            issuer: Some("醴陵市".into()),
            category: Some("外贸".into()),
            beneficiaries: vec![],
            value: None,
            effective_from: None,
            expires_on: None,
            status,
            notes: String::new(),
            sources: vec![],
            jurisdiction: None,
            effective_precision: None,
            effective_inferred: false,
            expires_precision: None,
            expires_inferred: false,
            suggestion_key: None,
            revision: 0,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    fn ids(s: &Selection<'_>) -> Vec<MeasureId> {
        s.measures.iter().map(|m| m.id).collect()
    }

    #[test]
    fn only_confirmed_measures_go_out_by_default() {
        let all = [
            m(1, None, MeasureStatus::Confirmed),
            m(2, None, MeasureStatus::Suggested),
            m(3, None, MeasureStatus::Rejected),
        ];
        let s = select(&all, &MeasureFilter::default());
        assert_eq!(ids(&s), [1]);
        assert_eq!(s.filtered_out.status, 2);
        assert_eq!(ids(&select(&all, &MeasureFilter::everything())), [1, 2, 3]);
    }

    #[test]
    fn package_filter_takes_the_package_and_its_items_at_any_depth() {
        let all = [
            m(1, None, MeasureStatus::Confirmed),
            m(2, Some(1), MeasureStatus::Confirmed),
            m(3, Some(2), MeasureStatus::Confirmed),
            m(4, None, MeasureStatus::Confirmed),
            m(5, Some(4), MeasureStatus::Confirmed),
        ];
        let f = MeasureFilter {
            package: Some(1),
            ..Default::default()
        };
        let s = select(&all, &f);
        assert_eq!(ids(&s), [1, 2, 3]);
        assert_eq!(s.filtered_out.package, 2);
    }

    #[test]
    fn issuer_and_category_match_exactly_after_trimming() {
        let mut other = m(2, None, MeasureStatus::Confirmed);
        other.issuer = Some("株洲市".into());
        other.category = None;
        let all = [m(1, None, MeasureStatus::Confirmed), other];
        let f = MeasureFilter {
            issuers: vec![" 醴陵市 ".into()],
            ..Default::default()
        };
        assert_eq!(ids(&select(&all, &f)), [1]);
        let f = MeasureFilter {
            categories: vec!["外贸".into()],
            ..Default::default()
        };
        let s = select(&all, &f);
        assert_eq!(
            ids(&s),
            [1],
            "a measure without a category fails a category filter"
        );
        assert_eq!(s.filtered_out.category, 1);
    }

    #[test]
    fn date_window_keeps_overlapping_validities_and_treats_unknown_bounds_as_open() {
        // (effective, expires, kept?) for the window 2020-05-01..=2020-05-31.
        let table = [
            (d("2020-04-10"), d("2020-06-04"), true),
            (d("2020-04-10"), d("2020-05-01"), true),
            (d("2020-05-31"), d("2020-12-31"), true),
            (d("2020-01-01"), d("2020-04-30"), false),
            (d("2020-06-01"), d("2020-12-31"), false),
            (None, d("2020-05-15"), true),
            (None, d("2020-04-15"), false),
            (d("2020-04-01"), None, true),
            (d("2020-06-01"), None, false),
        ];
        for (i, (from, to, kept)) in table.into_iter().enumerate() {
            let mut x = m(i as i64, None, MeasureStatus::Confirmed);
            x.effective_from = from;
            x.expires_on = to;
            let f = MeasureFilter {
                from: d("2020-05-01"),
                until: d("2020-05-31"),
                ..Default::default()
            };
            let s = select(std::slice::from_ref(&x), &f);
            assert_eq!(
                s.measures.len() == 1,
                kept,
                "{from:?}..{to:?} kept should be {kept}"
            );
        }
    }

    #[test]
    fn undated_measure_cannot_be_placed_in_a_window() {
        let all = [m(1, None, MeasureStatus::Confirmed)];
        let f = MeasureFilter {
            until: d("2020-05-31"),
            ..Default::default()
        };
        let s = select(&all, &f);
        assert!(s.measures.is_empty());
        assert_eq!(s.filtered_out.no_date_for_window, 1);
        assert_eq!(
            select(&all, &MeasureFilter::default()).measures.len(),
            1,
            "without a window the undated measure is selected (the calendar reports it)"
        );
    }
}
