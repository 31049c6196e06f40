import { IsEmail, IsEnum, IsOptional, Length, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ID } from '../../core/graphql/id.js';
import { Role } from '../../core/auth/roles.js';
import { IsStrongPassword } from './password.js';

export const MIN_PASSWORD_LENGTH = 10;

@InputType()
export class SignUpInput {
  @Field(() => String) @IsEmail({}, { message: 'Enter a valid email address.' }) @MaxLength(254) email!: string;
  @Field(() => String)
  @MinLength(MIN_PASSWORD_LENGTH, { message: `Password must have at least ${MIN_PASSWORD_LENGTH} characters.` })
  @MaxLength(200)
  @IsStrongPassword()
  password!: string;
  @Field(() => String) @Length(2, 100, { message: 'Name must have 2 to 100 characters.' }) displayName!: string;
}

@InputType()
export class SignInInput {
  @Field(() => String) @IsEmail({}, { message: 'Enter a valid email address.' }) email!: string;
  @Field(() => String) @MinLength(1, { message: 'Enter your password.' }) @MaxLength(200) password!: string;
}

@InputType()
export class SetUserRoleInput {
  @Field(() => ID) userId!: string;
  @Field(() => Role) @IsEnum(Role) role!: Role;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(2, 120) department?: string | null;
}
