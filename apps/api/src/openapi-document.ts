import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBody } from './common/error-body';
import { addErrorResponses } from './common/errors/error-responses';

/** The API's OpenAPI document: served at /api/docs and the source of the web console's types. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('攻坚行动与整改台账工作流引擎 API')
      .setDescription('Campaigns, housing-repair pipelines and rectification ledgers on durable workflows')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
    // every error response refers to ErrorBody (addErrorResponses), whether or not a route names it
    { extraModels: [ErrorBody] },
  );
  return addErrorResponses(document);
}
