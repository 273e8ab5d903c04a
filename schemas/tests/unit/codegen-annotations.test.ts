import { withoutAnnotations } from '../../src/codegen/standalone';

describe('withoutAnnotations (what compiled validators embed)', () => {
  it('drops annotation keywords at every level, but keeps properties, enums and defaults named like them', () => {
    const schema = {
      title: 'T',
      $comment: 'why',
      type: 'object',
      required: ['title'],
      properties: {
        title: { type: 'string', description: 'a property named title stays', enum: ['description'] },
        nested: { type: 'array', items: { description: 'gone', type: 'integer', default: 1 } },
      },
      $defs: { description: { examples: [1], const: 'x' } },
    };

    expect(withoutAnnotations(schema)).toEqual({
      type: 'object',
      required: ['title'],
      properties: {
        title: { type: 'string', enum: ['description'] },
        nested: { type: 'array', items: { type: 'integer', default: 1 } },
      },
      $defs: { description: { const: 'x' } },
    });
  });
});
