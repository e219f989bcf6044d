/**
 * Onboarding progress the API does not hold itself (which CRM was picked, which connection is being
 * set up, which step the admin is on), kept per tenant in localStorage so an admin can leave and
 * come back. What the API does hold (connections, published mappings, pools, rule versions) is read
 * from it.
 */
export interface OnboardingProgress {
  provider?: string;
  connectionId?: string;
  poolId?: string;
  step: number;
  /** Set just before the browser leaves for the CRM's consent page. */
  pendingOAuth?: boolean;
  completed?: boolean;
}

const storageKey = (tenantId: string) => `leadflow.onboarding.${tenantId}`;

export function loadProgress(tenantId: string): OnboardingProgress {
  try {
    const raw = localStorage.getItem(storageKey(tenantId));
    if (raw) return { step: 0, ...(JSON.parse(raw) as Partial<OnboardingProgress>) };
  } catch {
    // unreadable: start over
  }
  return { step: 0 };
}

export function saveProgress(tenantId: string, progress: OnboardingProgress): void {
  localStorage.setItem(storageKey(tenantId), JSON.stringify(progress));
}

export const ONBOARDING_STEPS = {
  crm: 0,
  connect: 1,
  source: 2,
  mapping: 3,
  routing: 4,
  live: 5,
} as const;
