//! Certified people by steps (the Azure designations' skilling metrics):
//! gates a partner must pass before later steps earn, each step worth its
//! points once it has its people (in proportion below), a person counted
//! once per step however many of its certifications they hold.
//!
//! Also the cheapest ways to add certifications to a partner's steps, for
//! the route: how many more certified people, in which steps, raise the
//! metric most.

use crate::evaluate::PersonResult;
use crate::families::points::rules::earned;
use crate::families::points::score::people_holding;
use crate::model::{Centi, CredentialId};

/// One step of a certification-steps metric.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    /// Its id in the rules file ("step-1").
    pub(crate) id: String,
    /// The credentials that put a person in it.
    pub(crate) credentials: Vec<CredentialId>,
    /// Their labels, as the rules give them ("Azure Administrator Associate").
    pub(crate) labels: Vec<String>,
    /// The steps (index into the metric's) that must have their people
    /// before this one earns.
    pub(crate) requires: Vec<usize>,
    /// People it needs for its points, per path.
    pub(crate) people: Vec<u64>,
    /// Its points with its people, per path.
    pub(crate) points: Vec<Centi>,
}

impl Step {
    /// Whether `n` people complete it on `path`.
    pub(crate) fn complete(&self, n: u64, path: usize) -> bool {
        n >= self.people[path]
    }
}

/// People counted for the partner in each step.
pub(crate) fn people_per_step(people: &[PersonResult], steps: &[Step]) -> Vec<u64> {
    steps
        .iter()
        .map(|s| people_holding(people, &s.credentials) as u64)
        .collect()
}

/// One step's points with `counts` people per step on `path`: nothing
/// until every step it requires is complete, then in proportion to its
/// people up to its points.
pub(crate) fn one_step(steps: &[Step], counts: &[u64], path: usize, i: usize) -> Centi {
    let s = &steps[i];
    if s.requires
        .iter()
        .any(|r| !steps[*r].complete(counts[*r], path))
    {
        return 0;
    }
    earned(s.points[path], counts[i] as i64, s.people[path])
}

/// The metric's points with `counts` people per step on `path`: its steps'
/// points, at most the metric's.
pub(crate) fn step_points(steps: &[Step], counts: &[u64], path: usize, metric: Centi) -> Centi {
    let sum: Centi = (0..steps.len())
        .map(|i| one_step(steps, counts, path, i))
        .sum();
    sum.min(metric)
}

/// The most points `more` more certified people (one step each) bring on
/// `path`, and where they go (more people per step); the fewest in gates
/// on a tie.
pub(crate) fn best_added(
    steps: &[Step],
    counts: &[u64],
    path: usize,
    metric: Centi,
    more: u64,
) -> (Centi, Vec<u64>) {
    let mut best = (
        step_points(steps, counts, path, metric),
        vec![0; steps.len()],
    );
    let mut added = vec![0u64; steps.len()];
    spread(steps, counts, path, metric, more, 0, &mut added, &mut best);
    best
}

/// Tries every way of putting `left` people into steps `from..`.
#[allow(clippy::too_many_arguments)]
fn spread(
    steps: &[Step],
    counts: &[u64],
    path: usize,
    metric: Centi,
    left: u64,
    from: usize,
    added: &mut Vec<u64>,
    best: &mut (Centi, Vec<u64>),
) {
    if from == steps.len() {
        if left > 0 {
            return;
        }
        let now: Vec<u64> = counts
            .iter()
            .zip(added.iter())
            .map(|(c, a)| c + a)
            .collect();
        let points = step_points(steps, &now, path, metric);
        if points > best.0 {
            *best = (points, added.clone());
        }
        return;
    }
    // More people than a step needs add nothing to it.
    let room = steps[from].people[path].saturating_sub(counts[from]);
    for n in 0..=left.min(room) {
        added[from] = n;
        spread(steps, counts, path, metric, left - n, from + 1, added, best);
    }
    added[from] = 0;
}

/// The steps whose points `added` unlocks (earning nothing before, some
/// after): (step, its points after).
pub(crate) fn unlocked(
    steps: &[Step],
    counts: &[u64],
    added: &[u64],
    path: usize,
) -> Vec<(usize, Centi)> {
    let now: Vec<u64> = counts.iter().zip(added).map(|(c, a)| c + a).collect();
    (0..steps.len())
        .filter(|&i| added[i] == 0 && one_step(steps, counts, path, i) == 0)
        .filter_map(|i| {
            let after = one_step(steps, &now, path, i);
            (after > 0).then_some((i, after))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_ai() -> Vec<Step> {
        let step = |id: &str, requires: Vec<usize>, people: [u64; 2], points: [Centi; 2]| Step {
            id: id.into(),
            credentials: Vec::new(),
            labels: Vec::new(),
            requires,
            people: people.to_vec(),
            points: points.to_vec(),
        };
        vec![
            step("step-1", vec![], [2, 1], [0, 400]),
            step("step-2", vec![], [2, 1], [0, 400]),
            step("step-3", vec![0, 1], [10, 8], [4000, 3200]),
        ]
    }

    #[test]
    fn gates_hold_later_steps_back_and_smb_gates_earn() {
        let s = data_ai();
        // Enterprise: gates met, 3 electives: 12; one gate short: 0.
        assert_eq!(step_points(&s, &[2, 2, 3], 0, 4000), 1200);
        assert_eq!(step_points(&s, &[2, 1, 8], 0, 4000), 0);
        // SMB: a gate alone earns its 4 (the page's example 3).
        assert_eq!(step_points(&s, &[2, 0, 2], 1, 4000), 400);
        assert_eq!(step_points(&s, &[1, 1, 3], 1, 4000), 2000);
        assert_eq!(step_points(&s, &[1, 1, 20], 1, 4000), 4000);
    }

    #[test]
    fn the_cheapest_people_unlock_the_electives() {
        let s = data_ai();
        // Enterprise, one administrator short with two electives: one more
        // administrator unlocks step 3's 8 points.
        let counts = [1, 2, 2];
        let (points, added) = best_added(&s, &counts, 0, 4000, 1);
        assert_eq!((points, added.clone()), (800, vec![1, 0, 0]));
        assert_eq!(unlocked(&s, &counts, &added, 0), vec![(2, 800)]);
        // Two more: the gate and one elective.
        assert_eq!(best_added(&s, &counts, 0, 4000, 2), (1200, vec![1, 0, 1]));
    }
}
