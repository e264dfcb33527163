import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Proficiency, RolePageQuery } from '../gql/graphql';
import { proficiencies, proficiencyLetter, proficiencyName } from '../proficiency';

type Role = NonNullable<RolePageQuery['role']>;
export type MatrixRow = Role['matrix'][number]['skills'][number] & { domain: Role['matrix'][number]['domain'] };
export type MatrixCell = NonNullable<MatrixRow['cells'][number]>;
export interface CellChoice {
  row: MatrixRow;
  levelIndex: number;
}

/**
 * The role's matrix as a heatmap: a row per skill under its domain, a column per level. One button per cell with a
 * roving tab stop: Tab enters the grid once, the arrow keys (and Home/End) move, Enter opens the cell's details.
 */
export function Matrix({
  role,
  openCount,
  onOpen,
}: {
  role: Role;
  openCount: (skillName: string, levelKey: string) => number;
  onOpen: (choice: CellChoice) => void;
}) {
  const [domainFilter, setDomainFilter] = useState('');
  const [proficiencyFilter, setProficiencyFilter] = useState<Proficiency | ''>('');
  const [active, setActive] = useState({ row: 0, col: 0 });
  const table = useRef<HTMLTableElement>(null);
  const domainId = useId();
  const proficiencyId = useId();
  const levels = role.levels.map((entry) => entry.level);

  const groups = useMemo(
    () =>
      role.matrix
        .filter((group) => !domainFilter || group.domain.slug === domainFilter)
        .map((group) => ({
          domain: group.domain,
          rows: group.skills
            .filter((row) => !proficiencyFilter || row.cells.some((cell) => cell?.proficiency === proficiencyFilter))
            .map((row) => ({ ...row, domain: group.domain })),
        }))
        .filter((group) => group.rows.length > 0),
    [role.matrix, domainFilter, proficiencyFilter],
  );
  const rows = groups.flatMap((group) => group.rows);
  const visibleCells = rows.reduce((sum, row) => sum + row.cells.filter((cell) => cell && (!proficiencyFilter || cell.proficiency === proficiencyFilter)).length, 0);
  const current = { row: Math.min(active.row, Math.max(rows.length - 1, 0)), col: Math.min(active.col, levels.length - 1) };

  function move(event: KeyboardEvent<HTMLTableElement>) {
    const deltas: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    let next = current;
    if (event.key in deltas) {
      const [dr, dc] = deltas[event.key];
      next = {
        row: Math.max(0, Math.min(rows.length - 1, current.row + dr)),
        col: Math.max(0, Math.min(levels.length - 1, current.col + dc)),
      };
    } else if (event.key === 'Home') {
      next = { row: event.ctrlKey ? 0 : current.row, col: 0 };
    } else if (event.key === 'End') {
      next = { row: event.ctrlKey ? rows.length - 1 : current.row, col: levels.length - 1 };
    } else {
      return;
    }
    event.preventDefault();
    setActive(next);
    table.current?.querySelector<HTMLButtonElement>(`button[data-row="${next.row}"][data-col="${next.col}"]`)?.focus();
  }

  let rowIndex = -1;
  return (
    <section aria-labelledby="matrix-heading" className="matrix-section">
      <h2 id="matrix-heading">Skill matrix</h2>
      <p>
        {role.stats.skillCount} skills × {role.stats.levelCount} levels. Select a cell for its details; in the grid the
        arrow keys move and Enter opens.
      </p>
      <div className="filters">
        <div className="field">
          <label htmlFor={domainId}>Domain</label>
          <select id={domainId} value={domainFilter} onChange={(event) => setDomainFilter(event.target.value)}>
            <option value="">All domains</option>
            {role.matrix.map((group) => (
              <option key={group.domain.slug} value={group.domain.slug}>
                {group.domain.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={proficiencyId}>Proficiency</label>
          <select id={proficiencyId} value={proficiencyFilter} onChange={(event) => setProficiencyFilter(event.target.value as Proficiency | '')}>
            <option value="">Any proficiency</option>
            {proficiencies.map((proficiency) => (
              <option key={proficiency} value={proficiency}>
                {proficiencyName[proficiency]}
              </option>
            ))}
          </select>
        </div>
        <p role="status" data-testid="matrix-summary">
          Showing {rows.length} skills in {groups.length} domains, {visibleCells} cells
        </p>
      </div>
      <Legend />
      <table className="matrix" ref={table} onKeyDown={move} data-testid="matrix" aria-label={`Skill matrix of ${role.name}`}>
        <thead>
          <tr>
            <th scope="col">Skill</th>
            {levels.map((level) => (
              <th scope="col" key={level.key}>
                {level.name}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.domain.slug} data-testid="matrix-domain" data-domain={group.domain.slug}>
            <tr className="domain-row">
              <th scope="colgroup" colSpan={levels.length + 1}>
                {group.domain.name} <span className="muted">({group.rows.length} skills)</span>
              </th>
            </tr>
            {group.rows.map((row) => {
              rowIndex += 1;
              const r = rowIndex;
              return (
                <tr key={row.skill.slug} data-testid="matrix-row" data-skill={row.skill.slug}>
                  <th scope="row">{row.skill.name}</th>
                  {levels.map((level, col) => {
                    const cell = row.cells[col];
                    const matches = !proficiencyFilter || cell?.proficiency === proficiencyFilter;
                    const proposals = openCount(row.skill.name, level.key);
                    const label = cell
                      ? `${row.skill.name} at ${level.name}: ${proficiencyName[cell.proficiency]}${cell.mandatory ? ', mandatory' : ''}`
                      : `${row.skill.name} at ${level.name}: not required`;
                    return (
                      <td key={level.key} className={matches ? undefined : 'dim'}>
                        <button
                          type="button"
                          className={`cell ${cell ? `p-${cell.proficiency.toLowerCase()}` : 'p-none'}`}
                          data-testid={cell ? 'cell' : 'cell-empty'}
                          data-skill={row.skill.slug}
                          data-level={level.key}
                          data-proficiency={cell?.proficiency ?? ''}
                          data-row={r}
                          data-col={col}
                          tabIndex={current.row === r && current.col === col ? 0 : -1}
                          aria-label={`${label}${proposals ? `, ${proposals} open proposals` : ''}`}
                          onFocus={() => setActive({ row: r, col })}
                          onClick={() => onOpen({ row, levelIndex: col })}
                        >
                          <span aria-hidden="true">
                            {cell ? proficiencyLetter[cell.proficiency] : '·'}
                            {cell?.mandatory ? <sup className="mandatory">●</sup> : null}
                            {proposals ? <span className="badge">{proposals}</span> : null}
                          </span>
                        </button>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </section>
  );
}

export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {proficiencies.map((proficiency) => (
        <li key={proficiency}>
          <span className={`swatch p-${proficiency.toLowerCase()}`} aria-hidden="true">
            {proficiencyLetter[proficiency]}
          </span>
          {proficiencyName[proficiency]}
        </li>
      ))}
      <li>
        <span className="swatch p-none" aria-hidden="true">·</span>
        Not required
      </li>
      <li>
        <span className="mandatory" aria-hidden="true">●</span> Mandatory (Working or above)
      </li>
    </ul>
  );
}
