import 'reflect-metadata';
import { getMetadataStorage, IsInt, IsString, registerDecorator, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

const failing = (value: object) =>
  validateSync(value)
    .map((error) => `${error.property}: ${Object.keys(error.constraints ?? {}).join(',')}`)
    .sort();

describe('cacheValidationMetadata', () => {
  class Named {
    @IsString()
    name!: unknown;
  }

  beforeAll(() => {
    cacheValidationMetadata();
    cacheValidationMetadata(); // a second call changes nothing
  });

  it('answers a repeated lookup from the cache, with the rules class-validator found the first time', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Named, '', false, false);
    expect(first.map((rule) => rule.propertyName)).toEqual(['name']);
    expect(storage.getTargetValidationMetadatas(Named, '', false, false)).toBe(first);
    expect(storage.getTargetValidationMetadatas(Named, '', true, false)).not.toBe(first);
    expect(failing(Object.assign(new Named(), { name: 7 }))).toEqual(['name: isString']);
    expect(failing(Object.assign(new Named(), { name: 'canteen' }))).toEqual([]);
  });

  it('sees the rules of a class declared after the cache was filled, and those it inherits', () => {
    expect(failing(Object.assign(new Named(), { name: 7 }))).toEqual(['name: isString']);
    class Counted extends Named {
      @IsInt()
      headcount!: unknown;
    }
    expect(failing(Object.assign(new Counted(), { name: 7, headcount: 'ten' }))).toEqual([
      'headcount: isInt',
      'name: isString',
    ]);
  });

  it('forgets what it knew of a class when a rule is registered for it later', () => {
    expect(failing(Object.assign(new Named(), { name: 'canteen', code: '' }))).toEqual([]);
    registerDecorator({
      name: 'isNotBlank',
      target: Named,
      propertyName: 'code',
      validator: { validate: (value: unknown) => typeof value === 'string' && value.trim() !== '' },
    });
    expect(failing(Object.assign(new Named(), { name: 'canteen', code: '' }))).toEqual(['code: isNotBlank']);
  });
});
