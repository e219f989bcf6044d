import { Controller, Get } from '@nestjs/common';

@Controller('health')
export class SandboxHealthController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** The sandbox keeps its CRM state in memory, so being up is being ready. */
  @Get('ready')
  ready() {
    return { status: 'ok', simulators: ['hubspot', 'monday'] };
  }
}
