import { Stack, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { MappingWizard } from '../components/MappingWizard';

export function MappingPage() {
  const { id = '' } = useParams();
  return (
    <Stack>
      <Title order={2}>Field mapping</Title>
      <MappingWizard connectionId={id} />
    </Stack>
  );
}
