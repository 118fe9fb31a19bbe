//! Suggestion of policy measures from stored articles: policy periods ([`dates`]), typed
//! values ([`values`]), issuers, beneficiaries and categories ([`issuers`]), measure vs
//! directive/report/business ([`classify`]) and the assembly of suggestions, packages and
//! their items ([`suggest`]). Deterministic, offline, no model. See docs/extraction.md.

pub mod classify;
pub mod dates;
mod holidays;
pub mod issuers;
mod numbers;
pub mod propose;
pub mod suggest;
pub mod values;

pub use classify::{classify_sentence, SentenceKind};
pub use dates::{
    find_periods, parse_period, DatePeriod, MatchedText, ParsedPhrase, PeriodKind, PeriodLength,
};
pub use issuers::{categorize, city_of_publication, CATEGORIES};
pub use propose::{
    propose_for_selection, propose_in_store, EvidenceOrigin, FieldEvidence, ProposedField,
    SelectionProposal,
};
pub use suggest::{
    suggest_all_into, suggest_into, suggest_into_keyed, suggest_issue, suggest_issue_keyed,
    KeyedSuggestions, SuggestReport,
};
pub use values::{find_values, FoundValue};
