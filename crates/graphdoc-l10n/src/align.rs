//! Sequence alignment: the longest common subsequence of two lists, then
//! the gaps between its matches paired position by position where they
//! are the same length (a translated row stands where the English one did).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// Equal items.
    Same(usize, usize),
    /// Items at the same place that differ.
    Changed(usize, usize),
    OnlyEnglish(usize),
    OnlyLocalised(usize),
}

pub fn align<A, B>(english: &[A], localised: &[B], eq: impl Fn(&A, &B) -> bool) -> Vec<Pair> {
    let (n, m) = (english.len(), localised.len());
    // lcs[i][j]: length of the LCS of english[i..] and localised[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if eq(&english[i], &localised[j]) {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut gap_i, mut gap_j) = (0, 0);
    let flush = |out: &mut Vec<Pair>, from_i: usize, to_i: usize, from_j: usize, to_j: usize| {
        if to_i - from_i == to_j - from_j {
            out.extend(
                (from_i..to_i)
                    .zip(from_j..to_j)
                    .map(|(a, b)| Pair::Changed(a, b)),
            );
        } else {
            out.extend((from_i..to_i).map(Pair::OnlyEnglish));
            out.extend((from_j..to_j).map(Pair::OnlyLocalised));
        }
    };
    while i < n && j < m {
        if eq(&english[i], &localised[j]) {
            flush(&mut out, gap_i, i, gap_j, j);
            out.push(Pair::Same(i, j));
            i += 1;
            j += 1;
            gap_i = i;
            gap_j = j;
        } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    flush(&mut out, gap_i, n, gap_j, m);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_gaps_pair_up_and_others_do_not() {
        let en = ["a", "token", "b", "c", "d"];
        let loc = ["a", "jeton", "b", "x", "y", "d"];
        let pairs = align(&en, &loc, |a, b| a == b);
        assert_eq!(
            pairs,
            [
                Pair::Same(0, 0),
                Pair::Changed(1, 1),
                Pair::Same(2, 2),
                Pair::OnlyEnglish(3),
                Pair::OnlyLocalised(3),
                Pair::OnlyLocalised(4),
                Pair::Same(4, 5),
            ]
        );
    }
}
