import { JwtService } from '@nestjs/jwt';
import { isRole, type Role, ROLES } from './roles';

/** Signs an HS256 JWT the API accepts; for development, tests and the demo. */
export function signToken(input: {
  subject: string;
  roles: Role[];
  secret: string;
  issuer: string;
  audience?: string;
  ttlSeconds?: number;
}): string {
  const jwt = new JwtService({ secret: input.secret });
  const audience = input.audience ? { audience: input.audience } : {};
  return jwt.sign(
    { roles: input.roles },
    {
      subject: input.subject,
      issuer: input.issuer,
      algorithm: 'HS256',
      expiresIn: input.ttlSeconds ?? 8 * 3600,
      ...audience,
    },
  );
}

/** Parses a comma-separated role list, rejecting unknown roles with the list of known ones. */
export function parseRoles(list: string): Role[] {
  const roles = list
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new Error(`Unknown role(s) ${unknown.join(', ')}; known roles: ${ROLES.join(', ')}`);
  if (roles.length === 0) throw new Error(`Name at least one role; known roles: ${ROLES.join(', ')}`);
  return roles as Role[];
}
