import { Module } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service';
import { MappingWizardController } from './mapping-wizard.controller';
import { MappingWizardService } from './mapping-wizard.service';

/** The mapping wizard's API; the mapping logic itself is @leadflow/field-mapping. */
@Module({
  controllers: [MappingWizardController],
  providers: [AuditLogService, MappingWizardService],
})
export class FieldMappingModule {}
