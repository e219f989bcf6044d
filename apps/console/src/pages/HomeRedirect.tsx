import { Navigate } from 'react-router';
import { useSession } from '../auth/session';
import { loadProgress } from '../onboarding/progress';

/** Admins who have not finished onboarding start there; everyone else starts with the leads. */
export function HomeRedirect() {
  const { me } = useSession();
  if (!me) return null;
  const onboarding = me.apiKey.role === 'admin' && !loadProgress(me.tenant.id).completed;
  return <Navigate to={onboarding ? '/onboarding' : '/leads'} replace />;
}
