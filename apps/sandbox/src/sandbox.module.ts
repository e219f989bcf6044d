import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { SandboxConfig } from '@leadflow/config';
import { loggerOptions } from '@leadflow/observability';
import { HubSpotAccountController } from './hubspot/hubspot-account.controller';
import { HubSpotApiController, SANDBOX_CONFIG } from './hubspot/hubspot-api.controller';
import { HubSpotAppsControlController } from './hubspot/hubspot-apps-control.controller';
import { HubSpotControlController } from './hubspot/hubspot-control.controller';
import { HubSpotGateway } from './hubspot/hubspot-gateway';
import { HubSpotOAuthController } from './hubspot/hubspot-oauth.controller';
import { HubSpotSandbox } from './hubspot/hubspot-sandbox';
import { HubSpotWebhooks } from './hubspot/hubspot-webhooks';
import { LeadStreamController } from './hubspot/lead-stream.controller';
import { LeadStreams } from './hubspot/lead-stream';
import { MondayApiController } from './monday/monday-api.controller';
import { MondayAppsControlController } from './monday/monday-apps-control.controller';
import { MondayControlController } from './monday/monday-control.controller';
import { MondayGateway } from './monday/monday-gateway';
import { MondayItemStreamController } from './monday/monday-item-stream.controller';
import { MondayItemStreams } from './monday/monday-item-stream';
import { MondayOAuthController } from './monday/monday-oauth.controller';
import { MondaySandbox } from './monday/monday-sandbox';
import { MondayWebhooks } from './monday/monday-webhooks';
import { SandboxHealthController } from './sandbox-health.controller';

/**
 * A local stand-in for the CRMs (HubSpot-compatible API in ./hubspot, Monday-compatible GraphQL
 * API, OAuth and webhooks in ./monday), used by `npm start`'s demo, development and the
 * end-to-end tests. Webhook senders and streams stop on application shutdown.
 */
@Module({})
export class SandboxModule {
  static forRoot(config: SandboxConfig): DynamicModule {
    return {
      module: SandboxModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { ...loggerOptions('leadflow-sandbox', config.logLevel), autoLogging: false },
        }),
      ],
      controllers: [
        SandboxHealthController,
        HubSpotApiController,
        HubSpotAccountController,
        HubSpotOAuthController,
        HubSpotControlController,
        HubSpotAppsControlController,
        LeadStreamController,
        MondayApiController,
        MondayOAuthController,
        MondayControlController,
        MondayAppsControlController,
        MondayItemStreamController,
      ],
      providers: [
        HubSpotSandbox,
        HubSpotGateway,
        HubSpotWebhooks,
        LeadStreams,
        MondaySandbox,
        MondayGateway,
        MondayWebhooks,
        MondayItemStreams,
        { provide: SANDBOX_CONFIG, useValue: config },
      ],
    };
  }
}
