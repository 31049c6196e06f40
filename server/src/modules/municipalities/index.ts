export { Municipality } from './municipality.entity.js';
export { MunicipalityResolver } from './municipality.resolver.js';
export { ensureMunicipality, findMunicipalityScope, MunicipalityScopes } from './municipality.service.js';
