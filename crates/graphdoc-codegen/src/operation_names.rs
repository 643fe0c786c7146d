//! Operation names from their pages' titles (`List users` -> `ListUsers`),
//! told apart by the resource that owns them (`ListManagedDeviceUsers`)
//! rather than by a counter.

use crate::naming::{pascal_case, words, NameAllocator};
use std::collections::BTreeMap;

/// What names an operation: its page's title and file, and its paths
/// (placeholders already named).
pub struct Named<'a> {
    pub title: &'a str,
    pub file: &'a str,
    pub paths: &'a [String],
}

/// How many owning resources a name may take before the page's file name
/// is used instead.
const MAX_OWNERS: usize = 3;

/// One name per operation, in order: the title's words without articles;
/// where two operations would share a name, the owning resources from the
/// path go after the verb (`List` `ManagedDevice` `Users`), one more at a
/// time; where paths do not tell them apart (an Intune page documenting
/// `/users` beside `user-list.md`), the page with the shortest file name
/// keeps the name and the others take the words of their file names the
/// title lacks (`ListIntuneDevicesUsers`); then the whole file name; a
/// counter only as the last resort.
pub fn operation_names(ops: &[Named]) -> Vec<String> {
    let titles: Vec<Vec<String>> = ops.iter().map(|o| title_words(o.title)).collect();
    let owners: Vec<Vec<String>> = ops.iter().map(|o| owners(o.paths)).collect();
    let stems: Vec<&str> = ops.iter().map(|o| file_stem(o.file)).collect();
    let mut level = vec![0usize; ops.len()];
    let mut stage = vec![Stage::Owners; ops.len()];
    let name_of = |i: usize, level: &[usize], stage: &[Stage]| -> String {
        let qualifier: Vec<String> = match stage[i] {
            Stage::Owners => {
                let taken = level[i].min(owners[i].len());
                owners[i][owners[i].len() - taken..].to_vec()
            }
            Stage::FileWords => stems[i]
                .split('-')
                .filter(|w| {
                    !titles[i].iter().any(|t| {
                        t.eq_ignore_ascii_case(w)
                            || crate::naming::singular(t).eq_ignore_ascii_case(w)
                    })
                })
                .map(str::to_owned)
                .collect(),
            Stage::File => return pascal_case(stems[i]),
        };
        let (verb, rest) = titles[i]
            .split_first()
            .map_or((&[][..], &[][..]), |(v, r)| (std::slice::from_ref(v), r));
        let all: Vec<&str> = verb
            .iter()
            .chain(&qualifier)
            .chain(rest)
            .map(String::as_str)
            .collect();
        pascal_case(&all.join(" "))
    };
    loop {
        let names: Vec<String> = (0..ops.len()).map(|i| name_of(i, &level, &stage)).collect();
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, n) in names.iter().enumerate() {
            groups.entry(n).or_default().push(i);
        }
        let mut changed = false;
        for members in groups.values().filter(|m| m.len() > 1) {
            changed |= tell_apart(members, &owners, &stems, &mut level, &mut stage);
        }
        if !changed {
            let mut alloc = NameAllocator::new();
            return names.iter().map(|n| alloc.allocate(n, "")).collect();
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    /// The title with `level` owners from the path.
    Owners,
    /// The title with the file name's words it lacks.
    FileWords,
    /// The file name.
    File,
}

/// One step towards telling apart operations that share a name; whether
/// anything changed. Those that can still take an owner do, and the others
/// keep the name; when none can, the one with the shortest file name keeps
/// it and the others move to the next stage.
fn tell_apart(
    members: &[usize],
    owners: &[Vec<String>],
    stems: &[&str],
    level: &mut [usize],
    stage: &mut [Stage],
) -> bool {
    let can_grow: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| stage[i] == Stage::Owners && level[i] < owners[i].len().min(MAX_OWNERS))
        .collect();
    if !can_grow.is_empty() {
        for i in can_grow {
            level[i] += 1;
        }
        return true;
    }
    let shortest = members.iter().map(|&i| stems[i].len()).min().unwrap_or(0);
    let keeper = match members
        .iter()
        .filter(|&&i| stems[i].len() == shortest)
        .count()
    {
        1 => members
            .iter()
            .copied()
            .find(|&i| stems[i].len() == shortest),
        _ => None,
    };
    let mut changed = false;
    for &i in members {
        if Some(i) == keeper {
            continue;
        }
        let next = match stage[i] {
            Stage::Owners => Stage::FileWords,
            Stage::FileWords | Stage::File => Stage::File,
        };
        changed |= next != stage[i];
        stage[i] = next;
    }
    changed
}

/// `api-reference/v1.0/api/user-list.md:12` -> `user-list`.
fn file_stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or("");
    let name = name.split(':').next().unwrap_or("");
    name.strip_suffix(".md").unwrap_or(name)
}

/// The title's words without `a`, `an` and `the`.
fn title_words(title: &str) -> Vec<String> {
    let all = words(title);
    let kept: Vec<String> = all
        .iter()
        .filter(|w| !matches!(w.as_str(), "a" | "an" | "the"))
        .cloned()
        .collect();
    if kept.is_empty() {
        all
    } else {
        kept
    }
}

/// The resources that own what an operation's path addresses, outermost
/// first, singular and in words: `/groups/{group-id}/threads/{thread-id}/posts`
/// -> `group`, `thread`. The path is the first not under `/me`, which says
/// less about the owner than `/users/{user-id}`.
fn owners(paths: &[String]) -> Vec<String> {
    let Some(path) = paths
        .iter()
        .find(|p| !p.starts_with("/me/") && p.as_str() != "/me")
        .or_else(|| paths.first())
    else {
        return Vec::new();
    };
    let mut literal: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .map(|s| {
            let s = s.split('(').next().unwrap_or("");
            let s = s.rsplit('.').next().unwrap_or("");
            s.trim_start_matches('$').to_owned()
        })
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    // `/owners/{owner-id}/$ref`: `$ref`, `$value` and `$count` say how,
    // not what.
    while path.ends_with("/$ref") && literal.last().is_some_and(|l| l == "ref")
        || literal.last().is_some_and(|l| l == "value" || l == "count")
    {
        literal.pop();
    }
    literal.pop();
    literal.iter().map(|s| crate::naming::singular(s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_all(ops: &[(&str, &str, &[&str])]) -> Vec<String> {
        let paths: Vec<Vec<String>> = ops
            .iter()
            .map(|(_, _, p)| p.iter().map(|s| s.to_string()).collect())
            .collect();
        let named: Vec<Named> = ops
            .iter()
            .zip(&paths)
            .map(|((title, file, _), paths)| Named { title, file, paths })
            .collect();
        operation_names(&named)
    }

    #[test]
    fn titles_name_operations_and_owners_tell_them_apart() {
        let names = name_all(&[
            (
                "List users",
                "api/intune-devices-manageddevice-list-users.md:1",
                &["/deviceManagement/managedDevices/{managedDevice-id}/users"],
            ),
            ("List users", "api/user-list.md:1", &["/users"]),
            ("Get a user", "api/user-get.md:1", &["/me", "/users/{id}"]),
            (
                "List posts",
                "api/conversationthread-list-posts.md:1",
                &["/groups/{group-id}/threads/{thread-id}/posts"],
            ),
            (
                "List posts",
                "api/other-list-posts.md:1",
                &["/groups/{group-id}/conversations/{c-id}/threads/{thread-id}/posts"],
            ),
            ("Update vppToken", "api/vpptoken-update.md:1", &["/x/{id}"]),
        ]);
        assert_eq!(
            names,
            [
                "ListManagedDeviceUsers",
                "ListUsers",
                "GetUser",
                "ListGroupThreadPosts",
                "ListConversationThreadPosts",
                "UpdateVppToken",
            ]
        );
    }

    #[test]
    fn same_paths_fall_back_to_the_page_file_then_a_counter() {
        let names = name_all(&[
            ("Get thing", "api/thing-get.md:3", &["/things/{id}"]),
            ("Get thing", "api/thing-get-2.md:3", &["/things/{id}"]),
            ("", "api/a.md:1", &[]),
        ]);
        assert_eq!(names, ["GetThing", "Get2Thing", "Unnamed"]);
        let names = name_all(&[
            (
                "List users",
                "api/intune-devices-user-list.md:1",
                &["/users"],
            ),
            ("List users", "api/user-list.md:1", &["/users"]),
            ("List users", "api/intune-mam-user-list.md:1", &["/users"]),
            (
                "Remove owner",
                "api/application-delete-owners.md:1",
                &["/applications/{application-id}/owners/{owner-id}/$ref"],
            ),
        ]);
        assert_eq!(
            names,
            [
                "ListIntuneDevicesUsers",
                "ListUsers",
                "ListIntuneMamUsers",
                "RemoveOwner"
            ]
        );
    }
}
