use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ArticleId, IssueId};

/// One article of an issue, in page order. `text` is final once stored: source spans count
/// Unicode scalar values into it and never shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Article {
    pub id: ArticleId,
    #[serde(default)]
    pub issue_id: IssueId,
    /// 0-based position in the issue.
    #[serde(default)]
    pub seq: u32,
    pub headline: String,
    #[serde(default)]
    pub subheadings: Vec<String>,
    pub byline: Option<String>,
    /// e.g. 株洲日报讯 or 新华社北京4月24日电.
    #[serde(default)]
    pub dateline: Option<String>,
    /// Body text: paragraphs separated by "\n".
    pub text: String,
    /// Photo captions, kept apart from the body.
    #[serde(default)]
    pub captions: Vec<String>,
    /// Layout damage found and removed from the body (duplicated passages, jump markers).
    #[serde(default)]
    pub layout_notes: Vec<LayoutNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LayoutNote {
    pub kind: LayoutNoteKind,
    /// The removed text, verbatim.
    pub text: String,
    /// Offset in `text` (Unicode scalar values) where it stood, if it stood inside the body.
    pub at: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LayoutNoteKind {
    /// A passage printed twice by the layout; the second copy was removed.
    DuplicatePassage,
    /// A continuation marker such as 下转 A4 版.
    JumpMarker,
    /// Page headers, footers, page numbers.
    PageFurniture,
}
