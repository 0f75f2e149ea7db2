import { renderNoteHtml } from '../../src/notes/render/note-html';

describe('renderNoteHtml: Markdown links to notes', () => {
  it('links to /notes/ exactly the hrefs the index holds as note links', () => {
    const body = '[a](sub/other.md#part) [b](./with%20space.md) [c](https://example.com/x.md) [d](image.png)';
    const html = renderNoteHtml(body);
    expect(html).toContain('href="/notes/other#part"');
    expect(html).toContain('href="/notes/with%20space"');
    expect(html).toContain('href="https://example.com/x.md" rel="noopener noreferrer"');
    expect(html).toContain('href="image.png"');
  });
});
