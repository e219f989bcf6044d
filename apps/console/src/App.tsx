import {
  AppShell,
  Badge,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Navigate, NavLink as RouterLink, Route, Routes, useLocation } from 'react-router';
import { useSession } from './auth/session';
import { AnalyticsPage } from './pages/AnalyticsPage';
import { ConnectionsPage } from './pages/ConnectionsPage';
import { ConsoleRedirect } from './pages/ConsoleRedirect';
import { HomeRedirect } from './pages/HomeRedirect';
import { LeadDetailPage } from './pages/LeadDetailPage';
import { LeadsPage } from './pages/LeadsPage';
import { MappingPage } from './pages/MappingPage';
import { OnboardingPage } from './onboarding/OnboardingPage';
import { RoutingPage } from './pages/RoutingPage';
import { SignInPage } from './pages/SignInPage';
import { WebhooksPage } from './pages/WebhooksPage';

const NAV = [
  { to: '/onboarding', label: 'Onboarding', adminOnly: true },
  { to: '/connections', label: 'Connections & health' },
  { to: '/routing', label: 'Routing' },
  { to: '/leads', label: 'Leads' },
  { to: '/webhooks', label: 'Webhook debugger' },
  { to: '/analytics', label: 'Analytics' },
];

export function App() {
  const { me, checking } = useSession();
  const location = useLocation();
  if (checking) {
    return (
      <Center h="100vh">
        <Loader aria-label="Signing in" />
      </Center>
    );
  }
  // The OAuth callback lands on /console/...: keep it until the key is known, then handle it.
  if (!me) {
    return location.pathname === '/sign-in' ? (
      <SignInPage />
    ) : (
      <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />
    );
  }
  return <Shell />;
}

function Shell() {
  const { me, signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  if (!me) return null;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={3} c="indigo">
              Leadflow
            </Title>
            <Text c="dimmed" visibleFrom="xs" size="sm">
              {me.tenant.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Badge variant="light" data-testid="role-badge" visibleFrom="xs">
              {me.apiKey.role}
            </Badge>
            <Button variant="subtle" size="xs" onClick={signOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <Stack gap={2}>
          {NAV.filter((item) => !item.adminOnly || me.apiKey.role === 'admin').map((item) => (
            <NavLink key={item.to} component={RouterLink} to={item.to} label={item.label} onClick={close} />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Routes>
          <Route path="/" element={<HomeRedirect />} />
          <Route path="/sign-in" element={<HomeRedirect />} />
          <Route path="/onboarding" element={<OnboardingPage />} />
          <Route path="/connections" element={<ConnectionsPage />} />
          <Route path="/connections/:id" element={<ConnectionsPage />} />
          <Route path="/connections/:id/mapping" element={<MappingPage />} />
          <Route path="/routing" element={<RoutingPage />} />
          <Route path="/leads" element={<LeadsPage />} />
          <Route path="/leads/:id" element={<LeadDetailPage />} />
          <Route path="/webhooks" element={<WebhooksPage />} />
          <Route path="/analytics" element={<AnalyticsPage />} />
          <Route path="/console/*" element={<ConsoleRedirect />} />
          <Route
            path="*"
            element={
              <Text role="alert" c="dimmed">
                This page does not exist.
              </Text>
            }
          />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}
