//! A list of any length that builds only the rows on screen.
//!
//! The scrollable holds a spacer as tall as the rows above the visible window, the visible
//! rows, and a spacer for the rest, so the scrollbar is true to the whole list while only a
//! screenful of widgets exists. Rows have one fixed height: nothing jumps while pages load.
//!
//! The data behind it is paged the same way: [`PageCache`] keeps a bounded number of pages of
//! rows and says which pages the visible window still lacks, so memory stays flat whether the
//! list has a hundred rows or a hundred thousand.

use std::collections::BTreeMap;
use std::ops::Range;

use iced::widget::{Column, scrollable, space};
use iced::{Element, Length};

/// Rows fetched from the store at once.
pub const PAGE: usize = 100;

/// Pages kept in memory; the ones farthest from the visible window are dropped first.
pub const KEPT_PAGES: usize = 8;

/// Rows built beyond each edge of the viewport, so a small scroll shows built rows at once.
pub const OVERSCAN: usize = 4;

/// The rows in view for a scroll offset: `total` rows of `row_height`, scrolled down by
/// `offset`, in a viewport `viewport` tall, widened by `overscan` rows at each end.
pub fn visible(
    total: usize,
    row_height: f32,
    offset: f32,
    viewport: f32,
    overscan: usize,
) -> Range<usize> {
    if total == 0 || row_height <= 0.0 {
        return 0..0;
    }
    let first = (offset.max(0.0) / row_height).floor() as usize;
    let shown = (viewport.max(0.0) / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(total);
    let end = (first + shown + overscan).min(total);
    start..end
}

/// The offset that brings row `index` into a viewport, moving as little as possible.
pub fn offset_to_show(index: usize, row_height: f32, offset: f32, viewport: f32) -> Option<f32> {
    let top = index as f32 * row_height;
    let bottom = top + row_height;
    if top < offset {
        Some(top)
    } else if bottom > offset + viewport {
        Some((bottom - viewport).max(0.0))
    } else {
        None
    }
}

/// The scrollable list: `rows` are the widgets of `range`, in order.
pub fn view<'a, Message: 'a>(
    id: iced::widget::Id,
    total: usize,
    row_height: f32,
    range: Range<usize>,
    rows: impl IntoIterator<Item = Element<'a, Message>>,
    on_scroll: impl Fn(scrollable::Viewport) -> Message + 'a,
) -> Element<'a, Message> {
    let above = range.start as f32 * row_height;
    let below = total.saturating_sub(range.end) as f32 * row_height;
    let content = Column::new()
        .push(space().height(Length::Fixed(above)))
        .extend(rows)
        .push(space().height(Length::Fixed(below)))
        .width(Length::Fill);
    scrollable(content)
        .id(id)
        .on_scroll(on_scroll)
        .width(Length::Fill)
        .height(Length::Fill)
        .into()
}

/// Pages of rows loaded from the store, at most [`KEPT_PAGES`] of them.
#[derive(Debug, Clone)]
pub struct PageCache<T> {
    pages: BTreeMap<usize, Vec<T>>,
    /// Pages asked for and not yet answered, so a page is asked for once.
    pending: std::collections::BTreeSet<usize>,
}

impl<T> Default for PageCache<T> {
    fn default() -> Self {
        Self {
            pages: BTreeMap::new(),
            pending: Default::default(),
        }
    }
}

impl<T> PageCache<T> {
    /// The row at `index`, if its page is loaded.
    pub fn get(&self, index: usize) -> Option<&T> {
        self.pages.get(&(index / PAGE))?.get(index % PAGE)
    }

    /// Mutable access to a loaded row (a flag changed locally).
    pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        self.pages.get_mut(&(index / PAGE))?.get_mut(index % PAGE)
    }

    /// Pages the rows of `range` need that are neither loaded nor asked for; they are marked
    /// as asked for.
    pub fn wanted(&mut self, range: Range<usize>) -> Vec<usize> {
        if range.is_empty() {
            return Vec::new();
        }
        let first = range.start / PAGE;
        let last = (range.end - 1) / PAGE;
        let wanted: Vec<usize> = (first..=last)
            .filter(|p| !self.pages.contains_key(p) && !self.pending.contains(p))
            .collect();
        self.pending.extend(wanted.iter().copied());
        wanted
    }

    /// Stores a loaded page, then drops the pages farthest from `near` beyond the limit.
    pub fn insert(&mut self, page: usize, rows: Vec<T>, near: usize) {
        self.pending.remove(&page);
        self.pages.insert(page, rows);
        let near = near / PAGE;
        while self.pages.len() > KEPT_PAGES {
            let farthest = self
                .pages
                .keys()
                .copied()
                .max_by_key(|p| p.abs_diff(near))
                .unwrap_or(page);
            self.pages.remove(&farthest);
        }
    }

    /// A page that could not be loaded may be asked for again.
    pub fn failed(&mut self, page: usize) {
        self.pending.remove(&page);
    }

    /// Forgets everything: the list changed under us.
    pub fn clear(&mut self) {
        self.pages.clear();
        self.pending.clear();
    }

    /// Loaded rows, for finding one by identity.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &T)> {
        self.pages
            .iter()
            .flat_map(|(p, rows)| rows.iter().enumerate().map(move |(i, r)| (p * PAGE + i, r)))
    }

    /// Number of pages held.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }
}

/// Where a visible row of a list with expandable groups (threads) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The top-level row `index`.
    Top(usize),
    /// Child `child` of the expanded top-level row `parent`.
    Child { parent: usize, child: usize },
}

/// The shape of a list whose top-level rows may be expanded into children.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expansion {
    /// Top-level row → how many child rows it shows.
    open: BTreeMap<usize, usize>,
}

impl Expansion {
    /// Rows shown in all for `top` top-level rows.
    pub fn len(&self, top: usize) -> usize {
        top + self
            .open
            .iter()
            .filter(|(i, _)| **i < top)
            .map(|(_, n)| n)
            .sum::<usize>()
    }

    pub fn is_open(&self, top: usize) -> bool {
        self.open.contains_key(&top)
    }

    pub fn open(&mut self, top: usize, children: usize) {
        self.open.insert(top, children);
    }

    pub fn close(&mut self, top: usize) {
        self.open.remove(&top);
    }

    pub fn clear(&mut self) {
        self.open.clear();
    }

    /// The row shown at `visual`.
    pub fn locate(&self, visual: usize) -> Slot {
        let mut skipped = 0;
        for (&top, &children) in &self.open {
            let at = top + skipped;
            if visual <= at {
                break;
            }
            if visual <= at + children {
                return Slot::Child {
                    parent: top,
                    child: visual - at - 1,
                };
            }
            skipped += children;
        }
        Slot::Top(visual - skipped)
    }

    /// Where top-level row `top` is shown.
    pub fn position(&self, top: usize) -> usize {
        top + self.open.range(..top).map(|(_, n)| n).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_rows_cover_the_viewport_and_stay_in_bounds() {
        assert_eq!(visible(0, 40.0, 0.0, 400.0, 2), 0..0);
        assert_eq!(visible(1000, 40.0, 0.0, 400.0, 0), 0..11);
        assert_eq!(visible(1000, 40.0, 4000.0, 400.0, 2), 98..113);
        assert_eq!(visible(100, 40.0, 3800.0, 400.0, 2), 93..100);
        // 100,000 rows: only a screenful is built anywhere in the list.
        let r = visible(100_000, 48.0, 48.0 * 99_990.0, 700.0, 4);
        assert!(r.end == 100_000 && r.len() < 30, "{r:?}");
    }

    #[test]
    fn offset_moves_only_when_the_row_is_out_of_view() {
        assert_eq!(offset_to_show(5, 40.0, 0.0, 400.0), None);
        assert_eq!(offset_to_show(10, 40.0, 0.0, 400.0), Some(40.0));
        assert_eq!(offset_to_show(2, 40.0, 200.0, 400.0), Some(80.0));
    }

    #[test]
    fn the_page_cache_asks_once_and_stays_bounded() {
        let mut cache = PageCache::<usize>::default();
        assert_eq!(cache.wanted(150..260), vec![1, 2]);
        assert!(cache.wanted(150..260).is_empty(), "asked twice");
        cache.insert(1, (100..200).collect(), 150);
        assert_eq!(cache.get(150), Some(&150));
        assert_eq!(cache.get(250), None);
        for page in 0..50 {
            cache.insert(page, vec![page; PAGE], 49 * PAGE);
        }
        assert_eq!(cache.pages(), KEPT_PAGES);
        assert!(
            cache.get(49 * PAGE).is_some(),
            "the page in view was dropped"
        );
        assert!(cache.get(0).is_none(), "the farthest page was kept");
        cache.failed(3);
        assert_eq!(cache.wanted(300..310), vec![3]);
    }

    #[test]
    fn expanded_threads_shift_the_rows_below_them() {
        let mut e = Expansion::default();
        assert_eq!(e.locate(3), Slot::Top(3));
        e.open(1, 2);
        e.open(4, 3);
        // 0, 1, (1.0, 1.1), 2, 3, 4, (4.0, 4.1, 4.2), 5 ...
        let shown: Vec<Slot> = (0..11).map(|v| e.locate(v)).collect();
        assert_eq!(
            shown,
            vec![
                Slot::Top(0),
                Slot::Top(1),
                Slot::Child {
                    parent: 1,
                    child: 0
                },
                Slot::Child {
                    parent: 1,
                    child: 1
                },
                Slot::Top(2),
                Slot::Top(3),
                Slot::Top(4),
                Slot::Child {
                    parent: 4,
                    child: 0
                },
                Slot::Child {
                    parent: 4,
                    child: 1
                },
                Slot::Child {
                    parent: 4,
                    child: 2
                },
                Slot::Top(5),
            ]
        );
        assert_eq!(e.len(10), 15);
        assert_eq!(e.len(3), 5);
        assert_eq!(e.position(4), 6);
        assert_eq!(e.position(5), 10);
        for v in 0..15 {
            if let Slot::Top(t) = e.locate(v) {
                assert_eq!(e.position(t), v);
            }
        }
        e.close(1);
        assert_eq!(e.locate(2), Slot::Top(2));
    }
}
