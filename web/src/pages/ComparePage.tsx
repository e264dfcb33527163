import { useId } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { RoleLadderMatrixQuery } from './roleDocuments';
import type { Proficiency } from '../gql/graphql';
import { proficiencyName, rank } from '../proficiency';

interface Change {
  skill: string;
  domain: string;
  from: Proficiency | null;
  to: Proficiency | null;
  fromMandatory: boolean;
  toMandatory: boolean;
}

/**
 * What changes from one level to another: skills the second level requires and the first does not, proficiencies
 * raised, requirements that become mandatory. Read from the role's matrix (one query), compared cell by cell.
 */
export function compareLevels(
  matrix: { domain: { name: string }; skills: { skill: { name: string }; cells: ({ proficiency: Proficiency; mandatory: boolean } | null)[] }[] }[],
  from: number,
  to: number,
) {
  const changes: Change[] = matrix.flatMap((group) =>
    group.skills.map((row) => ({
      skill: row.skill.name,
      domain: group.domain.name,
      from: row.cells[from]?.proficiency ?? null,
      to: row.cells[to]?.proficiency ?? null,
      fromMandatory: row.cells[from]?.mandatory ?? false,
      toMandatory: row.cells[to]?.mandatory ?? false,
    })),
  );
  return {
    newSkills: changes.filter((c) => c.from === null && c.to !== null),
    raised: changes.filter((c) => c.from !== null && c.to !== null && rank(c.to) > rank(c.from)),
    newlyMandatory: changes.filter((c) => c.toMandatory && !c.fromMandatory),
  };
}

export function ComparePage() {
  const { slug = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [{ data, fetching, error }] = useQuery({ query: RoleLadderMatrixQuery, variables: { slug } });
  const fromId = useId();
  const toId = useId();
  if (!data && fetching) return <p role="status">Loading…</p>;
  if (error && !data) return <p role="alert">Could not load the role: {error.message}</p>;
  const role = data?.role;
  if (!role) return <h1>No such role</h1>;

  const levels = role.levels.map((entry) => entry.level);
  const fromKey = params.get('from') ?? levels[1]?.key ?? levels[0].key;
  const toKey = params.get('to') ?? levels[2]?.key ?? levels[levels.length - 1].key;
  const from = Math.max(0, levels.findIndex((level) => level.key === fromKey));
  const to = Math.max(0, levels.findIndex((level) => level.key === toKey));
  const result = compareLevels(role.matrix, from, to);
  const choose = (which: 'from' | 'to', key: string) => {
    const next = new URLSearchParams(params);
    next.set(which, key);
    setParams(next, { replace: true });
  };

  const sections = [
    { id: 'new', title: 'New skills', items: result.newSkills },
    { id: 'raised', title: 'Raised proficiencies', items: result.raised },
    { id: 'mandatory', title: 'Newly mandatory', items: result.newlyMandatory },
  ];
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Roles</Link> › <Link to={`/roles/${role.slug}`}>{role.name}</Link>
      </nav>
      <h1>Compare levels: {role.name}</h1>
      <div className="filters">
        <div className="field">
          <label htmlFor={fromId}>From level</label>
          <select id={fromId} value={levels[from].key} onChange={(event) => choose('from', event.target.value)}>
            {levels.map((level) => (
              <option key={level.key} value={level.key}>{level.name}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={toId}>To level</label>
          <select id={toId} value={levels[to].key} onChange={(event) => choose('to', event.target.value)}>
            {levels.map((level) => (
              <option key={level.key} value={level.key}>{level.name}</option>
            ))}
          </select>
        </div>
      </div>
      <ul className="counts" aria-label="What changes">
        {sections.map((section) => (
          <li key={section.id} data-testid={`compare-count-${section.id}`}>
            <strong>{section.items.length}</strong> {section.title.toLowerCase()}
          </li>
        ))}
      </ul>
      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`compare-${section.id}`}>
          <h2 id={`compare-${section.id}`}>
            {section.title} ({section.items.length})
          </h2>
          {section.items.length === 0 ? (
            <p>None.</p>
          ) : (
            <table className="plain">
              <thead>
                <tr>
                  <th scope="col">Skill</th>
                  <th scope="col">Domain</th>
                  <th scope="col">{levels[from].name}</th>
                  <th scope="col">{levels[to].name}</th>
                </tr>
              </thead>
              <tbody>
                {section.items.map((item) => (
                  <tr key={item.skill}>
                    <th scope="row">{item.skill}</th>
                    <td>{item.domain}</td>
                    <td>{item.from ? `${proficiencyName[item.from]}${item.fromMandatory ? ' (mandatory)' : ''}` : '—'}</td>
                    <td>{item.to ? `${proficiencyName[item.to]}${item.toMandatory ? ' (mandatory)' : ''}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  );
}
