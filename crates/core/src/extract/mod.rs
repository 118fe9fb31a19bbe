//! Suggestion of policy measures from stored articles (dates, values, issuers, packages).

pub mod dates;
mod numbers;

pub use dates::{
    find_periods, parse_period, DatePeriod, MatchedText, ParsedPhrase, PeriodKind, PeriodLength,
};
