import { useId, useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../auth';
import { RadarChart } from '../components/RadarChart';
import { graphql } from '../gql';
import { RoleLadderMatrixQuery } from './roleDocuments';
import type { Proficiency } from '../gql/graphql';
import { proficiencies, proficiencyName, rank } from '../proficiency';

const EstimateQuery = graphql(`
  query EstimateGrade($input: EstimateGradeInput!) {
    estimateGrade(input: $input) {
      level {
        key
        name
      }
      nextLevel {
        key
        name
      }
      levels {
        level {
          key
          name
        }
        reached
        coverage
        mandatoryCoverage
      }
      gaps {
        skill {
          slug
          name
        }
        required
        current
        mandatory
        steps
      }
    }
  }
`);

const SaveMutation = graphql(`
  mutation SaveAssessment($input: SaveAssessmentInput!) {
    saveAssessment(input: $input) {
      assessment {
        id
        createdAt
      }
      errors {
        ...PayloadError
      }
    }
  }
`);

const HistoryQuery = graphql(`
  query MyAssessments {
    myAssessments(first: 20, order: [{ createdAt: DESC }]) {
      totalCount
      nodes {
        id
        createdAt
        catalogVersion
        role {
          slug
          name
        }
        estimate {
          level {
            name
          }
        }
      }
    }
  }
`);

type Ratings = Record<string, Proficiency | ''>;
const percent = (value: number) => `${Math.round(value * 100)}%`;

export default function CalculatorPage() {
  const { slug = '' } = useParams();
  const { viewer } = useAuth();
  const location = useLocation();
  const [{ data, fetching, error }] = useQuery({ query: RoleLadderMatrixQuery, variables: { slug } });
  const [ratings, setRatings] = useState<Ratings>({});
  const input = useMemo(
    () => ({ roleSlug: slug, ratings: Object.entries(ratings).filter(([, value]) => value).map(([skill, value]) => ({ skill, proficiency: value || null })) }),
    [slug, ratings],
  );
  const [estimate] = useQuery({ query: EstimateQuery, variables: { input }, pause: !data?.role });
  const [history, refetchHistory] = useQuery({ query: HistoryQuery, pause: !viewer, requestPolicy: 'cache-and-network' });
  const [saved, save] = useMutation(SaveMutation);
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const fillId = useId();

  if (!data && fetching) return <p role="status">Loading…</p>;
  if (error && !data) return <p role="alert">Could not load the role: {error.message}</p>;
  const role = data?.role;
  if (!role) return <h1>No such role</h1>;
  const levels = role.levels.map((entry) => entry.level);
  const grade = estimate.data?.estimateGrade;
  const next = grade?.nextLevel ?? null;
  const nextIndex = next ? levels.findIndex((level) => level.key === next.key) : -1;

  // The radar: per domain, the mean rating against the mean requirement of the next level (ranks 0..4).
  const radar = role.matrix.map((group) => {
    const required = group.skills.map((row) => (nextIndex >= 0 ? rank(row.cells[nextIndex]?.proficiency) : 0));
    const rated = group.skills.map((row) => rank(ratings[row.skill.slug] || null));
    const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
    return { domain: group.domain.name, rated: mean(rated), required: mean(required) };
  });

  function fillWith(levelKey: string) {
    const index = levels.findIndex((level) => level.key === levelKey);
    if (index < 0) return;
    const next: Ratings = {};
    for (const group of role!.matrix) for (const row of group.skills) next[row.skill.slug] = row.cells[index]?.proficiency ?? '';
    setRatings(next);
  }

  async function saveRatings() {
    setSaveProblem(null);
    const answer = await save({ input });
    const problem = answer.error?.message ?? answer.data?.saveAssessment.errors?.[0]?.message ?? null;
    setSaveProblem(problem);
    if (!problem) refetchHistory({ requestPolicy: 'network-only' });
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Roles</Link> › <Link to={`/roles/${role.slug}`}>{role.name}</Link>
      </nav>
      <h1>Grade calculator: {role.name}</h1>
      <p>Rate each skill as you hold it; the estimate follows as you go. Nothing is stored until you save.</p>
      <div className="calculator">
        <form className="ratings" aria-label="Your ratings" onSubmit={(event) => event.preventDefault()}>
          <div className="field inline">
            <label htmlFor={fillId}>Start from a level’s requirements</label>
            <select id={fillId} defaultValue="" onChange={(event) => fillWith(event.target.value)}>
              <option value="" disabled>Choose a level</option>
              {levels.map((level) => (
                <option key={level.key} value={level.key}>{level.name}</option>
              ))}
            </select>
            <button type="button" onClick={() => setRatings({})}>Clear</button>
          </div>
          {role.matrix.map((group) => (
            <fieldset key={group.domain.slug} data-testid="rating-domain">
              <legend>{group.domain.name}</legend>
              {group.skills.map((row) => {
                const id = `rate-${row.skill.slug}`;
                return (
                  <div className="field inline" key={row.skill.slug}>
                    <label htmlFor={id}>{row.skill.name}</label>
                    <select
                      id={id}
                      data-testid="rating"
                      data-skill={row.skill.slug}
                      value={ratings[row.skill.slug] ?? ''}
                      onChange={(event) => setRatings((old) => ({ ...old, [row.skill.slug]: event.target.value as Proficiency | '' }))}
                    >
                      <option value="">Not rated</option>
                      {proficiencies.map((proficiency) => (
                        <option key={proficiency} value={proficiency}>{proficiencyName[proficiency]}</option>
                      ))}
                    </select>
                  </div>
                );
              })}
            </fieldset>
          ))}
        </form>
        <div className="results">
          <section aria-labelledby="estimate-heading" aria-live="polite">
            <h2 id="estimate-heading">Estimate</h2>
            <p className="estimate" data-testid="estimated-level">
              {grade ? (grade.level ? grade.level.name : 'Below the first level') : 'Working it out…'}
            </p>
            {grade && <p>{next ? `Next: ${next.name}, ${grade.gaps.length} gaps` : 'At the top of the ladder.'}</p>}
          </section>
          {grade && (
            <>
              <section aria-labelledby="coverage-heading">
                <h2 id="coverage-heading">Coverage by level</h2>
                <table className="plain" data-testid="coverage">
                  <thead>
                    <tr>
                      <th scope="col">Level</th>
                      <th scope="col">Requirements met</th>
                      <th scope="col">Mandatory met</th>
                      <th scope="col">Reached</th>
                    </tr>
                  </thead>
                  <tbody>
                    {grade.levels.map((fit) => (
                      <tr key={fit.level.key}>
                        <th scope="row">{fit.level.name}</th>
                        <td>
                          <meter min={0} max={1} value={fit.coverage} aria-label={`${fit.level.name} coverage`} /> {percent(fit.coverage)}
                        </td>
                        <td>{percent(fit.mandatoryCoverage)}</td>
                        <td>{fit.reached ? 'Yes' : 'No'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              <section aria-labelledby="radar-heading">
                <h2 id="radar-heading">{next ? `You against ${next.name}, by domain` : 'Your ratings by domain'}</h2>
                <div className="radar">
                  <RadarChart
                    label={`Radar chart of your mean rating per domain against ${next ? next.name : 'the top level'}'s mean requirement (0 none, 4 expert)`}
                    labels={radar.map((entry) => entry.domain)}
                    series={[
                      { label: 'You', values: radar.map((entry) => entry.rated), color: '#1d4ed8' },
                      ...(next ? [{ label: next.name, values: radar.map((entry) => entry.required), color: '#b45309' }] : []),
                    ]}
                  />
                </div>
              </section>
              <section aria-labelledby="gaps-heading">
                <h2 id="gaps-heading">Gaps to {next?.name ?? 'the next level'} ({grade.gaps.length})</h2>
                {grade.gaps.length === 0 ? (
                  <p>None.</p>
                ) : (
                  <ol className="gaps" data-testid="gaps">
                    {grade.gaps.map((gap) => (
                      <li key={gap.skill.slug}>
                        <strong>{gap.skill.name}</strong>: {gap.current ? proficiencyName[gap.current] : 'not rated'} → {proficiencyName[gap.required]}
                        {gap.mandatory ? ' (mandatory)' : ''}, {gap.steps} {gap.steps === 1 ? 'step' : 'steps'}
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            </>
          )}
          <section aria-labelledby="save-heading">
            <h2 id="save-heading">Save</h2>
            {viewer ? (
              <>
                <button type="button" onClick={saveRatings} disabled={saved.fetching || input.ratings.length === 0}>
                  Save this assessment
                </button>
                {saveProblem && <p role="alert" className="error">{saveProblem}</p>}
                <h3>Your saved assessments</h3>
                {history.data?.myAssessments?.nodes.length ? (
                  <ol className="history" data-testid="history">
                    {history.data.myAssessments.nodes.map((assessment) => (
                      <li key={assessment.id}>
                        <time dateTime={assessment.createdAt}>{new Date(assessment.createdAt).toLocaleString()}</time>: {assessment.role.name},{' '}
                        {assessment.estimate.level?.name ?? 'below the first level'} (version {assessment.catalogVersion})
                      </li>
                    ))}
                  </ol>
                ) : (
                  <p>None yet.</p>
                )}
              </>
            ) : (
              <p data-testid="save-needs-sign-in">
                <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>Sign in</Link> to save your assessment and see your history.
              </p>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
