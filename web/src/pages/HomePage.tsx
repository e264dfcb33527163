import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';

const FamiliesQuery = graphql(`
  query Families {
    families {
      id
      slug
      name
      roles {
        id
        slug
        name
        summary
        version
      }
    }
  }
`);

export function HomePage() {
  const [{ data, fetching, error }] = useQuery({ query: FamiliesQuery });
  const [search, setSearch] = useState('');
  const searchId = useId();
  const text = search.trim().toLowerCase();
  const families = (data?.families ?? [])
    .map((family) => ({
      ...family,
      roles: family.roles.filter(
        (role) => !text || role.name.toLowerCase().includes(text) || family.name.toLowerCase().includes(text) || (role.summary ?? '').toLowerCase().includes(text),
      ),
    }))
    .filter((family) => family.roles.length > 0);

  return (
    <>
      <h1>Roles</h1>
      <p>Career skill matrices by role family: pick a role to see its ladder, its matrix and its community.</p>
      <div className="field">
        <label htmlFor={searchId}>Search roles</label>
        <input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="e.g. Python" />
      </div>
      {fetching && <p role="status">Loading…</p>}
      {error && <p role="alert">Could not load the roles: {error.message}</p>}
      {data && families.length === 0 && <p role="status">No role matches “{search}”.</p>}
      {families.map((family) => (
        <section key={family.id} className="family" aria-labelledby={`family-${family.slug}`}>
          <h2 id={`family-${family.slug}`}>{family.name}</h2>
          <ul className="role-list">
            {family.roles.map((role) => (
              <li key={role.id}>
                <Link to={`/roles/${role.slug}`}>{role.name}</Link>
                {role.summary && <p>{role.summary}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
