import { parseNote } from '../../src/vault/parse-note';
import type { ParsedLink } from '../../src/vault/note-doc';

/**
 * Dendron's own syntax as parseNote reads it. Where Dendron's engine reads the same text differently,
 * the case says so; docs/dendron-differences.md explains each difference.
 */
function parse(body: string, fname = 'here'): ParsedLink[] {
  return parseNote({ file: `${fname}.md`, fname, text: `---\nid: x\n---\n${body}\n` }).links;
}

/** Compact `[kind, target]` pairs, without external URLs. */
function targets(body: string, fname = 'here'): [string, string | null][] {
  return parse(body, fname)
    .filter((l) => l.kind !== 'url')
    .map((l) => [l.kind, l.targetFname]);
}

describe('wikilinks and note references', () => {
  it('reads every wikilink form', () => {
    const [plain, alias, heading, block, same, cross] = parse(
      '[[a]] [[the alias|a.b]] [[a#Some heading]] [[a#^block-1]] [[#same]] [[dendron://other.vault/a.c]]',
    );
    expect(plain).toMatchObject({ kind: 'wiki', targetFname: 'a', alias: null, anchor: null, targetVault: null });
    expect(alias).toMatchObject({ kind: 'wiki', targetFname: 'a.b', alias: 'the alias', anchor: null });
    expect(heading).toMatchObject({ targetFname: 'a', anchor: 'Some heading' });
    expect(block).toMatchObject({ targetFname: 'a', anchor: '^block-1' });
    expect(same).toMatchObject({ targetFname: 'here', anchor: 'same' });
    expect(cross).toMatchObject({ targetFname: 'a.c', targetVault: 'other.vault' });
  });

  it('reads note references, with heading ranges', () => {
    const [whole, range, cross] = parse('![[a]]\n\n![[a#x:#y]]\n\n![[alias|dendron://v/b#^start:#^end]]');
    expect(whole).toMatchObject({ kind: 'ref', targetFname: 'a', anchor: null });
    expect(range).toMatchObject({ kind: 'ref', targetFname: 'a', anchor: 'x:#y' });
    expect(cross).toMatchObject({ kind: 'ref', targetFname: 'b', targetVault: 'v', anchor: '^start:#^end', alias: 'alias' });
  });

  it('drops a `.md` extension written in the link, as Dendron does', () => {
    // dendron-site: `[[dendron.topic.notes.cli.lookup.md]]`, `![[dendron://…/community.events.reading-series.2022.05.10.md]]`
    expect(targets('[[a.b.md]] [[x|dendron://v/a.md#h]] ![[c.md]]')).toEqual([
      ['wiki', 'a.b'],
      ['wiki', 'a'],
      ['ref', 'c'],
    ]);
    expect(parse('[[x|a.md#h]]')[0]).toMatchObject({ targetFname: 'a', anchor: 'h' });
  });

  it('gives file lines and columns', () => {
    const links = parse('intro\n\n- item [[a]] and ![[b]]');
    expect(links.map((l) => [l.line, l.column])).toEqual([
      [6, 8],
      [6, 18],
    ]);
  });

  it('rejects empty and multi-line brackets', () => {
    expect(targets('[[ ]] and [[a\nb]]')).toEqual([]);
  });
});

describe('hashtags and user tags', () => {
  it('maps tags to the tags. and user. hierarchies', () => {
    expect(targets('#tag #a.b #a1 @bob @Hamilton.Margaret @7of9')).toEqual([
      ['hashtag', 'tags.tag'],
      ['hashtag', 'tags.a.b'],
      ['hashtag', 'tags.a1'],
      ['usertag', 'user.bob'],
      ['usertag', 'user.Hamilton.Margaret'],
      ['usertag', 'user.7of9'],
    ]);
  });

  it('stops tags at punctuation and never starts a hashtag with a digit', () => {
    expect(targets('This is #important, really (#123 and #1a are issues). Ask @ben.')).toEqual([
      ['hashtag', 'tags.important'],
      ['usertag', 'user.ben'],
    ]);
  });

  it('leaves out a trailing dot (Dendron keeps it in user tags: `@kevins8.` -> `user.kevins8.`)', () => {
    expect(targets('see #end. and @kevins8.')).toEqual([
      ['hashtag', 'tags.end'],
      ['usertag', 'user.kevins8'],
    ]);
  });

  // Outcomes of Dendron 0.122's engine on test/fixtures/dendron-cases/syntax (npm run dendron-compare).
  it('finds no tag after a `#` or `@` inside a word until remark would stop the text run (D6)', () => {
    expect(targets('ab#cd #later and x@y @z')).toEqual([]);
    expect(targets('logger.info("Task#{task.id} done: #{task.get_name()}")')).toEqual([]);
    expect(targets('a#b *x* #again here')).toEqual([['hashtag', 'tags.again']]);
    expect(targets('a#b\n#next line')).toEqual([['hashtag', 'tags.next']]);
    expect(targets('mail foo@example.com or @alice')).toEqual([['usertag', 'user.alice']]);
  });

  it('takes the first characters Dendron takes', () => {
    expect(targets('In prose, #{task.get_name()} is a tag')).toEqual([['hashtag', 'tags.{task.get_name']]);
    expect(targets('#é #{x} #*x #-x #.x #1a')).toEqual([
      ['hashtag', 'tags.é'],
      ['hashtag', 'tags.{x}'],
      ['hashtag', 'tags.*x'],
      ['hashtag', 'tags.-x'],
    ]);
    expect(targets('@.x @1x @{bob} @. @')).toEqual([
      ['usertag', 'user..x'],
      ['usertag', 'user.1x'],
      ['usertag', 'user.{bob}'],
    ]);
  });

  it('takes no tag from e-mail addresses or after an opening parenthesis', () => {
    expect(targets('mail foo@example.com or (@paren) or (#paren)')).toEqual([]);
  });

  it('reads a tag at the start of emphasis or strikethrough, ending before the closing markers', () => {
    // dendron-site changelog.past-versions.0-1-x.md: `Kudos to **@britt#3020** and **@lukecarrier#2081**`
    expect(targets('Kudos to **@britt#3020** and **@lukecarrier#2081**')).toEqual([
      ['usertag', 'user.britt'],
      ['usertag', 'user.lukecarrier'],
    ]);
    expect(targets('**see #tag** _#x_ ~~@bob~~ *#end.* __#a_b__')).toEqual([
      ['hashtag', 'tags.tag'],
      ['hashtag', 'tags.x'],
      ['usertag', 'user.bob'],
      ['hashtag', 'tags.end'],
      ['hashtag', 'tags.a_b'],
    ]);
  });

  it('keeps `_` inside a tag when no emphasis is open', () => {
    expect(targets('#a_b and @x_y_')).toEqual([
      ['hashtag', 'tags.a_b'],
      ['usertag', 'user.x_y_'],
    ]);
  });

  it('takes no tag after a `*` or `_` that opens nothing', () => {
    // dendron-site changelog.release.2022-09-27.md: `![my.notes.starts.with.*#Section2]`
    expect(targets('embed ![my.notes.starts.with.*#Section2] too')).toEqual([]);
    expect(targets('a*#b and _#c')).toEqual([]);
  });

  it('treats the label of a Markdown link as that link’s text, not as a tag (Dendron reads a tag there)', () => {
    // dendron-site community.events.crop.*: `submitted by [@gnomesoup](https://github.com/gnomesoup)`
    const links = parse('[#feedback](https://discord.com/x) by [@gnomesoup](https://github.com/gnomesoup)');
    expect(links.map((l) => l.kind)).toEqual(['url', 'url']);
  });
});

describe('where links are read', () => {
  it('reads links in headings and table cells, on the right lines', () => {
    const links = parse('## Title #tag [[a]]\n\n| name | link |\n| --- | --- |\n| x | [[b]] @u |\n| [[c]] | y |');
    expect(links.map((l) => [l.kind, l.targetFname, l.line])).toEqual([
      ['hashtag', 'tags.tag', 4],
      ['wiki', 'a', 4],
      ['wiki', 'b', 8],
      ['usertag', 'user.u', 8],
      ['wiki', 'c', 9],
    ]);
  });

  it('reads nothing inside code spans or code blocks', () => {
    const body = ['`[[a]] #t @u ![[r]]`', '', '```', '[[a]] #t @u', '```', '', '    [[indented]] #t', '', '~~~md', '![[r]]', '~~~'].join(
      '\n',
    );
    expect(targets(body)).toEqual([]);
  });

  it('reads nothing inside HTML blocks, HTML comments or inline HTML', () => {
    // dendron-site dendron.topic.notes.md: a list item inside `<!-- … -->` (Dendron's parser ends the comment early)
    const body = [
      '- [[kept]]',
      '<!-- ',
      '- eg: [[Children|a.b#children]] #todo',
      '-->',
      '',
      '<div>[[a]] #t @u</div>',
      '',
      'text <span title="[[a]] #t">x</span>',
    ].join('\n');
    expect(targets(body)).toEqual([['wiki', 'kept']]);
  });

  it('reads nothing inside math', () => {
    expect(targets('$[[a]] #t$ and $$@u$$\n\n$$\n#x [[b]]\n$$\n\n#after')).toEqual([['hashtag', 'tags.after']]);
  });
});
