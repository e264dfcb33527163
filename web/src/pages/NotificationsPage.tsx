import { Link } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { useAuth } from '../auth';
import { graphql } from '../gql';
import type { NotificationKind } from '../gql/graphql';

const NotificationsQuery = graphql(`
  query MyNotifications {
    myNotifications(first: 50) {
      totalCount
      nodes {
        id
        kind
        createdAt
        proposal {
          id
          title
          status
          roleSlug
          role {
            name
          }
        }
      }
    }
  }
`);

const NotificationAdded = graphql(`
  subscription NotificationAdded {
    myNotifications {
      id
    }
  }
`);

const kindName: Record<NotificationKind, string> = {
  PROPOSAL_CREATED: 'New proposal',
  PROPOSAL_STATUS_CHANGED: 'Status changed',
  PROPOSAL_COMMENTED: 'New comment',
};

/** The signed-in member's notifications, newest first, and new ones as they are made. */
export function NotificationsPage() {
  const { viewer } = useAuth();
  const [{ data, fetching, error }, refetch] = useQuery({ query: NotificationsQuery, pause: !viewer, requestPolicy: 'cache-and-network' });
  useSubscription({ query: NotificationAdded, pause: !viewer }, (_, event) => {
    refetch({ requestPolicy: 'network-only' });
    return event;
  });

  if (!viewer) {
    return (
      <>
        <h1>Notifications</h1>
        <p>
          <Link to="/sign-in?next=%2Fnotifications">Sign in</Link> to see what happened to your proposals and the roles you watch.
        </p>
      </>
    );
  }
  const notifications = data?.myNotifications?.nodes ?? [];
  return (
    <>
      <h1>Notifications</h1>
      {fetching && !data && <p role="status">Loading…</p>}
      {error && <p role="alert">Could not load your notifications: {error.message}</p>}
      {data && notifications.length === 0 && <p>Nothing yet: suggest a change or watch a role.</p>}
      <ul className="proposals" data-testid="notifications">
        {notifications.map((notification) => (
          <li key={notification.id} data-testid="notification" data-kind={notification.kind}>
            <strong>{kindName[notification.kind]}</strong>{' '}
            <time dateTime={notification.createdAt}>{new Date(notification.createdAt).toLocaleString()}</time>:{' '}
            <Link to={`/roles/${notification.proposal.roleSlug}`}>{notification.proposal.role.name}</Link>, “{notification.proposal.title}” (
            {notification.proposal.status.toLowerCase().replace('_', ' ')})
          </li>
        ))}
      </ul>
    </>
  );
}
