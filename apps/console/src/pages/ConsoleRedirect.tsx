import { Navigate, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { loadProgress, ONBOARDING_STEPS, saveProgress } from '../onboarding/progress';

/**
 * The API's OAuth callback sends the browser to `/console/connections/{id}?connected=1` (or
 * `/console/connections?error=…`). This lands it where the admin was: the onboarding's next step
 * when the flow started there, otherwise the connection's page.
 */
export function ConsoleRedirect() {
  const { me } = useSession();
  const location = useLocation();
  if (!me) return null;
  const rest = location.pathname.replace(/^\/console/, '') || '/';
  const params = new URLSearchParams(location.search);
  const connectionId = /^\/connections\/([^/]+)/.exec(rest)?.[1];
  const progress = loadProgress(me.tenant.id);
  if (progress.pendingOAuth) {
    if (connectionId) {
      saveProgress(me.tenant.id, {
        ...progress,
        pendingOAuth: false,
        connectionId,
        step: ONBOARDING_STEPS.source,
      });
      return <Navigate to="/onboarding?connected=1" replace />;
    }
    saveProgress(me.tenant.id, { ...progress, pendingOAuth: false });
    return <Navigate to={`/onboarding?${params.toString()}`} replace />;
  }
  return <Navigate to={`${rest}${location.search}`} replace />;
}
