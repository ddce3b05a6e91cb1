//! Groups of marked cells on a square grid of cells (a thumbnail's).

/// Side of a reference's finer thumbnail, in cells.
pub(super) const FINE: usize = 32;

/// The cells of the largest 4-connected group of `marked` cells of a `side`×`side` grid.
pub(super) fn largest_group(marked: &[bool], side: usize) -> Option<Vec<usize>> {
    let mut seen = vec![false; marked.len()];
    let mut best: Option<Vec<usize>> = None;
    for start in 0..marked.len() {
        if !marked[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        let mut group = vec![start];
        let mut next = 0;
        while next < group.len() {
            let i = group[next];
            next += 1;
            for j in neighbours(i, side) {
                if marked[j] && !seen[j] {
                    seen[j] = true;
                    group.push(j);
                }
            }
        }
        if best.as_ref().is_none_or(|b| group.len() > b.len()) {
            best = Some(group);
        }
    }
    best
}

/// Whether `group` (cells of a `side`×`side` grid) holds a block of 2×2 cells: it is a
/// patch, not only lines one cell thick.
pub(super) fn holds_block(group: &[usize], side: usize) -> bool {
    let mut marked = vec![false; side * side];
    for &i in group {
        marked[i] = true;
    }
    group.iter().any(|&i| {
        i % side + 1 < side
            && i + side + 1 < marked.len()
            && marked[i + 1]
            && marked[i + side]
            && marked[i + side + 1]
    })
}

/// `start` and every cell 4-connected to it through cells of `within`, as a mask.
pub(super) fn spread_within(start: &[usize], within: &[bool], side: usize) -> Vec<bool> {
    let mut mask = vec![false; side * side];
    for &i in start {
        mask[i] = true;
    }
    let mut queue = start.to_vec();
    while let Some(i) = queue.pop() {
        for j in neighbours(i, side) {
            if within[j] && !mask[j] {
                mask[j] = true;
                queue.push(j);
            }
        }
    }
    mask
}

/// The cells left, right, above and below cell `i` of a `side`×`side` grid.
fn neighbours(i: usize, side: usize) -> impl Iterator<Item = usize> {
    let (x, y) = (i % side, i / side);
    [
        (x > 0).then(|| i - 1),
        (x + 1 < side).then(|| i + 1),
        (y > 0).then(|| i - side),
        (y + 1 < side).then(|| i + side),
    ]
    .into_iter()
    .flatten()
}

/// Cell `i` of a `side`×`side` grid and the (up to) eight cells around it.
pub(super) fn around(i: usize, side: usize) -> impl Iterator<Item = usize> {
    let (x, y) = (i % side, i / side);
    let span = move |v: usize| v.saturating_sub(1)..=(v + 1).min(side - 1);
    span(y).flat_map(move |ny| span(x).map(move |nx| ny * side + nx))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&str]) -> Vec<bool> {
        rows.iter()
            .flat_map(|r| r.chars().map(|c| c == '#'))
            .collect()
    }

    #[test]
    fn the_largest_group_is_four_connected() {
        let marked = grid(&["#..#", "#.##", "..#.", "#..."]);
        let mut group = largest_group(&marked, 4).unwrap();
        group.sort_unstable();
        // (3,0), (2,1), (3,1), (2,2): the diagonal (0,3) is not joined to (0,1).
        assert_eq!(group, vec![3, 6, 7, 10]);
        assert_eq!(
            largest_group(&grid(&["....", "....", "....", "...."]), 4),
            None
        );
    }

    #[test]
    fn a_block_is_two_cells_across_and_down() {
        let cells = |rows: &[&str]| -> Vec<usize> {
            let marked = grid(rows);
            (0..marked.len()).filter(|&i| marked[i]).collect()
        };
        // (rows, holds a 2×2 block)
        let cases: &[(&[&str], bool)] = &[
            (&["##..", "##..", "....", "...."], true),
            (&["....", "....", "..##", "..##"], true),
            // An L one cell thick: the sides of an edge that did not quite line up.
            (&["#...", "#...", "#...", "####"], false),
            (&["#.#.", ".#.#", "#.#.", ".#.#"], false),
            // Not wrapped round the grid's side.
            (&["...#", "#..#", "#...", "...."], false),
        ];
        for &(rows, want) in cases {
            assert_eq!(holds_block(&cells(rows), 4), want, "{rows:?}");
        }
    }

    #[test]
    fn spreading_stops_where_the_cells_end() {
        let within = grid(&["###.", "...#", "####", "...."]);
        let mask = spread_within(&[8], &within, 4);
        assert_eq!(mask, grid(&["....", "...#", "####", "...."]));
    }

    #[test]
    fn around_a_cell_stops_at_the_grid() {
        let mut corner: Vec<usize> = around(0, 4).collect();
        corner.sort_unstable();
        assert_eq!(corner, vec![0, 1, 4, 5]);
        assert_eq!(around(5, 4).count(), 9);
        assert_eq!(around(15, 4).collect::<Vec<_>>(), vec![10, 11, 14, 15]);
    }
}
