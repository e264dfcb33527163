import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useMutation } from 'urql';
import { useAuth } from '../auth';
import type { Proficiency, ProposalFieldsFragment } from '../gql/graphql';
import { proficiencies, proficiencyName, proficiencyMeaning, rank } from '../proficiency';
import { SuggestChangeMutation } from '../pages/roleDocuments';
import type { CellChoice } from './Matrix';
import { isLive, ProposalList } from './Proposals';

interface Props {
  roleSlug: string;
  choice: CellChoice;
  levels: { key: string; name: string }[];
  proposals: ProposalFieldsFragment[];
  onClose: () => void;
  onChanged: () => void;
}

/** A cell's details in a modal dialog (the browser's own: focus is kept inside, Escape closes). */
export function CellDialog({ roleSlug, choice, levels, proposals, onClose, onChanged }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { row, levelIndex } = choice;
  const level = levels[levelIndex];
  const cell = row.cells[levelIndex];
  const titleId = useId();
  const onCell = proposals.filter((proposal) => isLive(proposal) && proposal.change.skill === row.skill.name && proposal.change.level.key === level.key);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog ref={dialog} aria-labelledby={titleId} onClose={onClose} data-testid="cell-details" className="cell-dialog">
      <div className="dialog-head">
        <h2 id={titleId}>
          {row.skill.name} at {level.name}
        </h2>
        <button type="button" onClick={() => dialog.current?.close()} aria-label="Close details">
          ✕
        </button>
      </div>
      <dl className="details">
        <dt>Skill</dt>
        <dd>{row.skill.name}</dd>
        <dt>Domain</dt>
        <dd>{row.domain.name}</dd>
        <dt>Level</dt>
        <dd>{level.name}</dd>
        <dt>Required proficiency</dt>
        <dd data-testid="details-proficiency">{cell ? proficiencyName[cell.proficiency] : 'Not required at this level'}</dd>
        {cell && (
          <>
            <dt>What it means</dt>
            <dd>{proficiencyMeaning[cell.proficiency]}</dd>
          </>
        )}
        <dt>Mandatory</dt>
        <dd data-testid="details-mandatory">{cell?.mandatory ? 'Yes' : 'No'}</dd>
      </dl>
      <h3>Open proposals on this cell</h3>
      <ProposalList proposals={onCell} onChanged={onChanged} empty="None." />
      <SuggestForm roleSlug={roleSlug} skill={row.skill} level={level} current={cell?.proficiency ?? null} onSuggested={onChanged} />
    </dialog>
  );
}

function SuggestForm({
  roleSlug,
  skill,
  level,
  current,
  onSuggested,
}: {
  roleSlug: string;
  skill: { slug: string; name: string };
  level: { key: string; name: string };
  current: Proficiency | null;
  onSuggested: () => void;
}) {
  const { viewer } = useAuth();
  const location = useLocation();
  const suggestedTarget = proficiencies[Math.min(rank(current), proficiencies.length - 1)];
  const [target, setTarget] = useState<Proficiency | ''>(suggestedTarget);
  const [title, setTitle] = useState(`${skill.name} at ${level.name}: ${proficiencyName[suggestedTarget]}`);
  const [rationale, setRationale] = useState('');
  const [result, suggest] = useMutation(SuggestChangeMutation);
  const [done, setDone] = useState(false);
  const ids = { target: useId(), title: useId(), rationale: useId() };

  if (!viewer) {
    return (
      <p>
        <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>Sign in</Link> to suggest a change.
      </p>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await suggest({
      input: { roleSlug, skill: skill.slug, level: level.key, proficiency: target || null, title, rationale },
    });
    if (answer.data?.suggestChange.proposal) {
      setDone(true);
      onSuggested();
    }
  }

  const failure = result.error?.message ?? result.data?.suggestChange.errors?.[0]?.message;
  return (
    <form onSubmit={submit} className="stack suggest">
      <h3>Suggest a change</h3>
      <div className="field">
        <label htmlFor={ids.target}>Proficiency at {level.name}</label>
        <select id={ids.target} value={target} onChange={(event) => setTarget(event.target.value as Proficiency | '')}>
          {proficiencies.map((proficiency) => (
            <option key={proficiency} value={proficiency}>
              {proficiencyName[proficiency]}
            </option>
          ))}
          <option value="">Not required (remove the cell)</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.title}>Title</label>
        <input id={ids.title} value={title} maxLength={120} required onChange={(event) => setTitle(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.rationale}>Why</label>
        <textarea id={ids.rationale} value={rationale} maxLength={4000} rows={3} required onChange={(event) => setRationale(event.target.value)} />
      </div>
      {failure && <p role="alert" className="error">{failure}</p>}
      {done && <p role="status">Suggested: members can vote on it now.</p>}
      <button type="submit" disabled={result.fetching}>
        Suggest
      </button>
    </form>
  );
}
