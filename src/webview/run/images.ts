// The dashboard's Images section: images grouped by tag with a step slider (latest step first);
// Ultralytics prediction batches (`val_batchN_pred`) shown beside their labels (`val_batchN_labels`);
// step-less plots as a gallery. Click opens an image file in VS Code; an image embedded in an event file
// (no file of its own) is shown full size over the dashboard. Embedded images are fetched on demand.
import type { ImageDto } from '../../shared/runProtocol';
import { clear, el } from '../dom';

export interface ImageActions {
  open(path: string): void;
  /** Ask the host for an embedded image's bytes; `gotImage` delivers them. */
  request(key: string): void;
}

interface Group {
  title: string;
  /** One or two tags shown side by side (prediction next to labels). */
  tags: string[];
}

export class ImageGallery {
  private images: ImageDto[] = [];
  private readonly selectedStep = new Map<string, number>();
  private readonly dataUrls = new Map<string, string>();
  private readonly requested = new Set<string>();

  constructor(
    private readonly root: HTMLElement,
    private readonly actions: ImageActions,
  ) {}

  setImages(images: ImageDto[]): void {
    this.images = images;
    this.render();
  }

  gotImage(key: string, dataUrl: string | undefined, error: string | undefined): void {
    if (dataUrl) {
      this.dataUrls.set(key, dataUrl);
    }
    const img = this.root.querySelector(`img[data-key="${CSS.escape(key)}"]`) as HTMLImageElement | null;
    if (img && dataUrl) {
      img.src = dataUrl;
    }
    if (img && error) {
      img.replaceWith(el('div', { class: 'error', text: error }));
    }
  }

  private render(): void {
    clear(this.root);
    if (this.images.length === 0) {
      this.root.append(el('p', { class: 'muted', text: 'This run has no images.' }));
      return;
    }
    const byTag = new Map<string, ImageDto[]>();
    for (const image of this.images) {
      byTag.set(image.tag, [...(byTag.get(image.tag) ?? []), image]);
    }
    for (const list of byTag.values()) {
      list.sort((a, b) => (a.step ?? 0) - (b.step ?? 0));
    }
    const grid = el('div', { class: 'image-grid' });
    for (const group of groupsOf([...byTag.keys()])) {
      const card = el(
        'div',
        { class: 'image-card', attrs: { 'data-tag': group.title } },
        el('div', { class: 'chart-title', text: group.title }),
      );
      const row = el('div', { class: 'image-row' });
      for (const tag of group.tags) {
        row.append(this.tagView(tag, byTag.get(tag) ?? []));
      }
      card.append(row);
      grid.append(card);
    }
    this.root.append(grid);
  }

  private tagView(tag: string, list: ImageDto[]): HTMLElement {
    const box = el('figure', { class: 'image-box' });
    const steps = list.map((i) => i.step).filter((s): s is number => s !== undefined);
    const chosen = this.selectedStep.get(tag) ?? steps[steps.length - 1];
    const image = list.find((i) => i.step === chosen) ?? list[list.length - 1];
    box.append(this.imageElement(image));
    const caption = el('figcaption', {
      class: 'muted',
      text: image.step !== undefined ? `${tag} · step ${image.step}` : tag,
    });
    box.append(caption);
    if (steps.length > 1) {
      const slider = el('input', {
        attrs: { type: 'range', min: '0', max: String(list.length - 1), step: '1', 'aria-label': `Step of ${tag}` },
      });
      slider.value = String(list.indexOf(image));
      slider.addEventListener('input', () => {
        const next = list[Number(slider.value)];
        this.selectedStep.set(tag, next.step ?? 0);
        box.querySelector('img, .error')?.replaceWith(this.imageElement(next));
        caption.textContent = `${tag} · step ${next.step}`;
      });
      box.append(slider);
    }
    return box;
  }

  private imageElement(image: ImageDto): HTMLElement {
    if (image.error) {
      return el('div', { class: 'error', text: image.error });
    }
    const img = el('img', { attrs: { alt: image.tag, 'data-key': image.key, loading: 'lazy' } });
    const src = image.src ?? this.dataUrls.get(image.key);
    if (src) {
      img.src = src;
    } else if (!this.requested.has(image.key)) {
      this.requested.add(image.key);
      this.actions.request(image.key);
    }
    const path = image.path;
    const open = path ? () => this.actions.open(path) : () => this.enlarge(img, image);
    img.classList.add('clickable');
    img.title = path ? `Open ${path}` : 'Show full size';
    img.tabIndex = 0;
    img.addEventListener('click', open);
    img.addEventListener('keydown', (e) => e.key === 'Enter' && open());
    return img;
  }

  /** Shows an embedded image at its own size in a modal dialog (Escape or a click closes it). */
  private enlarge(img: HTMLImageElement, image: ImageDto): void {
    if (!img.src) {
      return;
    }
    const caption = image.step !== undefined ? `${image.tag} · step ${image.step}` : image.tag;
    const dialog = el(
      'dialog',
      { class: 'image-dialog', attrs: { 'aria-label': caption } },
      el('img', { attrs: { src: img.src, alt: caption } }),
      el('div', { class: 'muted', text: caption }),
    );
    dialog.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      // Back to the thumbnail, or its replacement if a live update redrew it meanwhile.
      const thumbnail = img.isConnected
        ? img
        : this.root.querySelector<HTMLElement>(`img[data-key="${CSS.escape(image.key)}"]`);
      thumbnail?.focus();
    });
    document.body.append(dialog);
    dialog.showModal();
  }
}

/** Pairs `<x>_pred` with `<x>_labels` (Ultralytics batches); every other tag is a group of its own. */
export function groupsOf(tags: string[]): Group[] {
  const set = new Set(tags);
  const done = new Set<string>();
  const groups: Group[] = [];
  for (const tag of [...tags].sort()) {
    if (done.has(tag)) {
      continue;
    }
    const pair = /^(.*)_(pred|labels)$/.exec(tag);
    const other = pair ? `${pair[1]}_${pair[2] === 'pred' ? 'labels' : 'pred'}` : undefined;
    if (pair && other && set.has(other)) {
      groups.push({ title: pair[1], tags: [`${pair[1]}_labels`, `${pair[1]}_pred`] });
      done.add(tag).add(other);
    } else {
      groups.push({ title: tag, tags: [tag] });
      done.add(tag);
    }
  }
  return groups;
}
