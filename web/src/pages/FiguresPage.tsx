import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { BarChart } from '../components/BarChart';
import { graphql } from '../gql';
import { proficiencies, proficiencyName } from '../proficiency';

const FiguresQuery = graphql(`
  query RoleFigures($slug: String!) {
    role(slug: $slug) {
      id
      slug
      name
      stats {
        byLevel {
          level {
            key
            name
          }
          requirementCount
          mandatoryCount
          byProficiency {
            proficiency
            count
          }
        }
        byDomain {
          domain {
            slug
            name
          }
          skillCount
        }
      }
    }
    proposalStats(roleSlug: $slug) {
      byStatus {
        status
        count
      }
      acceptedByMonth {
        month
        count
      }
    }
    assessmentStats(roleSlug: $slug) {
      assessmentCount
      byLevel {
        level {
          name
        }
        count
      }
      topBlockingSkills {
        skill {
          name
        }
        count
      }
    }
  }
`);

const colors = { AWARENESS: '#93c5fd', WORKING: '#3b82f6', ADVANCED: '#1d4ed8', EXPERT: '#1e3a8a' } as const;

/** The role's figures: requirements by level and proficiency, skills by domain, proposals, and assessments when there are enough. */
export default function FiguresPage() {
  const { slug = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: FiguresQuery, variables: { slug } });
  const role = data?.role;
  const byLevel = useMemo(() => role?.stats.byLevel ?? [], [role]);
  const levelSeries = useMemo(
    () => proficiencies.map((p) => ({ label: proficiencyName[p], color: colors[p], values: byLevel.map((level) => level.byProficiency.find((entry) => entry.proficiency === p)?.count ?? 0) })),
    [byLevel],
  );
  const levelLabels = useMemo(() => byLevel.map((level) => level.level.name), [byLevel]);
  const domains = useMemo(() => role?.stats.byDomain ?? [], [role]);
  const domainLabels = useMemo(() => domains.map((entry) => entry.domain.name), [domains]);
  const domainSeries = useMemo(() => [{ label: 'Skills', color: '#1d4ed8', values: domains.map((entry) => entry.skillCount) }], [domains]);
  const statuses = data?.proposalStats?.byStatus ?? [];
  const months = useMemo(() => data?.proposalStats?.acceptedByMonth ?? [], [data]);
  const monthLabels = useMemo(() => months.map((entry) => entry.month), [months]);
  const monthSeries = useMemo(() => [{ label: 'Accepted', color: '#047857', values: months.map((entry) => entry.count) }], [months]);

  if (!data && fetching) return <p role="status">Loading…</p>;
  if (error && !data) return <p role="alert">Could not load the figures: {error.message}</p>;
  if (!role) return <h1>No such role</h1>;
  const assessments = data?.assessmentStats;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Roles</Link> › <Link to={`/roles/${role.slug}`}>{role.name}</Link>
      </nav>
      <h1>Figures: {role.name}</h1>
      <section aria-labelledby="by-level">
        <h2 id="by-level">Requirements by level and proficiency</h2>
        <div className="chart">
          <BarChart labels={levelLabels} series={levelSeries} stacked label="Stacked bar chart of the requirements of each level by proficiency; the table below has the numbers" testId="chart-by-level" />
        </div>
        <table className="plain" data-testid="table-by-level">
          <thead>
            <tr>
              <th scope="col">Level</th>
              {proficiencies.map((p) => (
                <th scope="col" key={p}>{proficiencyName[p]}</th>
              ))}
              <th scope="col">Mandatory</th>
              <th scope="col">All</th>
            </tr>
          </thead>
          <tbody>
            {byLevel.map((level, index) => (
              <tr key={level.level.key}>
                <th scope="row">{level.level.name}</th>
                {levelSeries.map((series) => (
                  <td key={series.label}>{series.values[index]}</td>
                ))}
                <td>{level.mandatoryCount}</td>
                <td>{level.requirementCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="by-domain">
        <h2 id="by-domain">Skills by domain</h2>
        <div className="chart">
          <BarChart labels={domainLabels} series={domainSeries} label="Bar chart of the number of skills in each domain; the table below has the numbers" testId="chart-by-domain" />
        </div>
        <table className="plain" data-testid="table-by-domain">
          <tbody>
            {domains.map((entry) => (
              <tr key={entry.domain.slug}>
                <th scope="row">{entry.domain.name}</th>
                <td>{entry.skillCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="proposals-figures">
        <h2 id="proposals-figures">Proposals</h2>
        <table className="plain" data-testid="table-proposals">
          <tbody>
            {statuses.map((entry) => (
              <tr key={entry.status}>
                <th scope="row">{entry.status.toLowerCase().replace('_', ' ')}</th>
                <td>{entry.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Accepted per month</h3>
        {months.length ? (
          <>
            <div className="chart">
              <BarChart labels={monthLabels} series={monthSeries} label="Bar chart of accepted proposals per month; the list below has the numbers" testId="chart-accepted" />
            </div>
            <ul data-testid="accepted-by-month">
              {months.map((entry) => (
                <li key={entry.month}>
                  {entry.month}: {entry.count}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>None accepted yet.</p>
        )}
      </section>
      <section aria-labelledby="assessment-figures">
        <h2 id="assessment-figures">Saved assessments</h2>
        {assessments ? (
          <>
            <p>{assessments.assessmentCount} saved assessments.</p>
            <table className="plain">
              <tbody>
                {assessments.byLevel.map((entry) => (
                  <tr key={entry.level?.name ?? 'none'}>
                    <th scope="row">{entry.level?.name ?? 'Below the first level'}</th>
                    <td>{entry.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>Skills that most often stand in the way</h3>
            <ol>
              {assessments.topBlockingSkills.map((entry) => (
                <li key={entry.skill.name}>
                  {entry.skill.name} ({entry.count})
                </li>
              ))}
            </ol>
          </>
        ) : (
          <p data-testid="assessments-too-few">Fewer than five saved assessments: nothing is shown, so that nobody’s answers can be singled out.</p>
        )}
      </section>
    </>
  );
}
