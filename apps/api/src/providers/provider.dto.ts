import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { SERVICE_CATEGORIES, ServiceCategory } from '@spinout/domain';
import { DATE_MESSAGE, DATE_PATTERN } from '../http/dto/money.dto';

export class ContactDto {
  @IsOptional() @IsEmail() email?: string;
  @IsOptional()
  @Matches(/^[0-9+() -]{3,40}$/, { message: 'phone may hold digits, spaces and + ( ) - only' })
  phone?: string;
  @IsOptional() @IsString() @MaxLength(200) name?: string;
}

export class RegisterProviderDto {
  @IsString() @IsNotEmpty() @MaxLength(300) name!: string;
  /** Unified social credit code (GB 32100-2015), 18 characters; the check character is verified. */
  @IsString() @IsNotEmpty() creditCode!: string;
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SERVICE_CATEGORIES, { each: true })
  serviceCategories!: ServiceCategory[];
  @ValidateNested() @Type(() => ContactDto) contact: ContactDto = {};
  /** For a spun-off unit: the service unit it came from. */
  @IsOptional() @IsUUID('4') predecessorUnitId?: string;
}

export class SuspendProviderDto {
  /** Last day of the suspension. */
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) until!: string;
  @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}
