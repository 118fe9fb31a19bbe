//! Suggestion of policy measures from stored articles (dates, values, issuers, packages).
