import { Embeddable, Property } from '@mikro-orm/decorators/legacy';
import { Length, Max, Min, IsOptional, Matches } from 'class-validator';
import { Field, Float, InputType, ObjectType } from 'type-graphql';

/** A postal address with map coordinates, shared by organisations and event venues. */
@Embeddable()
@ObjectType({ simpleResolvers: true })
export class Address {
  @Field(() => String) @Property({ type: 'string' }) street!: string;
  @Field(() => String) @Property({ type: 'string', length: 6 }) postalCode!: string;
  @Field(() => String) @Property({ type: 'string' }) city!: string;
  @Field(() => String, { nullable: true, description: 'District (osiedle) of the city.' })
  @Property({ type: 'string', nullable: true })
  district: string | null = null;
  @Field(() => Float, { nullable: true }) @Property({ type: 'double', nullable: true }) latitude: number | null = null;
  @Field(() => Float, { nullable: true }) @Property({ type: 'double', nullable: true }) longitude: number | null = null;
}

@InputType()
export class AddressInput {
  @Field(() => String) @Length(2, 200) street!: string;
  @Field(() => String)
  @Matches(/^\d{2}-\d{3}$/, { message: 'Postal code must look like 64-100.' })
  postalCode!: string;
  @Field(() => String) @Length(2, 100) city!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) district?: string | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(-90) @Max(90) latitude?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(-180) @Max(180) longitude?: number | null;
}

export function toAddress(input: AddressInput): Address {
  return Object.assign(new Address(), {
    street: input.street.trim(),
    postalCode: input.postalCode,
    city: input.city.trim(),
    district: input.district?.trim() || null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
  });
}
