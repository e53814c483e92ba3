import '@mantine/dropzone/styles.css';
import { ActionIcon, Badge, Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import classes from './lots.module.css';
import {
  PhotoUploadError,
  precheckPhoto,
  shrinkPhoto,
  type UploadedPhoto,
  uploadPhoto,
} from './upload-photo.ts';

export const MAX_PHOTOS = 8;

const iconProps = {
  width: 20,
  height: 20,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

function CameraIcon() {
  return (
    <svg {...iconProps} aria-hidden="true">
      <path d="M4 8h3l2-3h6l2 3h3a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z" />
      <circle cx="12" cy="13.5" r="3.5" />
    </svg>
  );
}

function ImagesIcon() {
  return (
    <svg {...iconProps} aria-hidden="true">
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <circle cx="9" cy="10" r="2" />
      <path d="M21 16l-5-5-9 9" />
    </svg>
  );
}

export interface PhotoItem {
  key: string;
  name: string;
  status: 'uploading' | 'done' | 'error';
  progress: number;
  /** A local object URL while the upload runs (and after, to avoid a flash). */
  preview: string | null;
  photo?: UploadedPhoto;
  error?: PhotoUploadError;
}

let counter = 0;

/** Photos of the post form: each file uploads as soon as it is picked; order = display order. */
export function usePhotoUploads() {
  const [items, setItems] = useState<PhotoItem[]>([]);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  useEffect(
    () => () => {
      for (const i of itemsRef.current) if (i.preview) URL.revokeObjectURL(i.preview);
    },
    [],
  );

  const patch = useCallback((key: string, p: Partial<PhotoItem>) => {
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...p } : i)));
  }, []);

  const add = useCallback(
    (files: File[]) => {
      const room = MAX_PHOTOS - itemsRef.current.filter((i) => i.status !== 'error').length;
      const accepted = files.slice(0, Math.max(0, room));
      const fresh: PhotoItem[] = accepted.map((file) => {
        const problem = precheckPhoto(file);
        return {
          key: `p${++counter}`,
          name: file.name,
          status: problem ? 'error' : 'uploading',
          progress: 0,
          preview: problem ? null : URL.createObjectURL(file),
          ...(problem ? { error: problem } : {}),
        };
      });
      setItems((all) => [...all, ...fresh]);
      accepted.forEach((file, n) => {
        const item = fresh[n]!;
        if (item.status === 'error') return;
        void (async () => {
          try {
            const blob = await shrinkPhoto(file);
            const photo = await uploadPhoto(blob, file.name || 'photo.jpg', (f) =>
              patch(item.key, { progress: Math.round(f * 100) }),
            );
            patch(item.key, { status: 'done', progress: 100, photo });
          } catch (error) {
            patch(item.key, {
              status: 'error',
              error: error instanceof PhotoUploadError ? error : new PhotoUploadError(0, 'generic'),
            });
          }
        })();
      });
      return files.length - accepted.length;
    },
    [patch],
  );

  const remove = useCallback((key: string) => {
    setItems((all) => {
      const gone = all.find((i) => i.key === key);
      if (gone?.preview) URL.revokeObjectURL(gone.preview);
      return all.filter((i) => i.key !== key);
    });
  }, []);

  const move = useCallback((key: string, by: -1 | 1) => {
    setItems((all) => {
      const from = all.findIndex((i) => i.key === key);
      const to = from + by;
      if (from < 0 || to < 0 || to >= all.length) return all;
      const next = [...all];
      [next[from], next[to]] = [next[to]!, next[from]!];
      return next;
    });
  }, []);

  const load = useCallback((photos: UploadedPhoto[]) => {
    setItems(
      photos.map((photo) => ({
        key: `p${++counter}`,
        name: photo.id,
        status: 'done',
        progress: 100,
        preview: null,
        photo,
      })),
    );
  }, []);

  return {
    items,
    add,
    remove,
    move,
    load,
    photoIds: items.flatMap((i) => (i.status === 'done' && i.photo ? [i.photo.id] : [])),
    uploading: items.some((i) => i.status === 'uploading'),
  };
}

export type PhotoUploads = ReturnType<typeof usePhotoUploads>;

/** Photo first: take a picture, pick from the gallery or drop files; thumbnails can be reordered. */
export function PhotoUploader({ uploads, error }: { uploads: PhotoUploads; error?: string | undefined }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const [overflow, setOverflow] = useState(false);
  const { items } = uploads;
  const full = items.filter((i) => i.status !== 'error').length >= MAX_PHOTOS;
  const add = (files: File[]) => setOverflow(uploads.add(files) > 0);

  return (
    <Stack gap="sm">
      <Dropzone
        onDrop={add}
        activateOnClick={false}
        disabled={full}
        radius="md"
        p="md"
        aria-label={t('photos.dropzone')}
        data-testid="photo-dropzone"
      >
        <Stack gap="xs" align="center" style={{ pointerEvents: 'all' }}>
          <Group gap="xs" justify="center">
            <FileButton
              onChange={(f) => f && add([f])}
              accept="image/*"
              capture="environment"
              disabled={full}
              inputProps={{ 'aria-label': t('photos.takePhoto') }}
            >
              {(props) => (
                <Button {...props} color="wood" size="md" leftSection={<CameraIcon />} hiddenFrom="sm">
                  {t('photos.takePhoto')}
                </Button>
              )}
            </FileButton>
            <FileButton
              onChange={add}
              accept="image/*"
              multiple
              disabled={full}
              inputProps={{ 'data-testid': 'photo-input', 'aria-label': t('photos.choose') } as never}
            >
              {(props) => (
                <Button {...props} variant="default" size="md" leftSection={<ImagesIcon />}>
                  {t('photos.choose')}
                </Button>
              )}
            </FileButton>
          </Group>
          <Text size="xs" c="dimmed" ta="center" visibleFrom="sm">
            {t('photos.dropHint')}
          </Text>
          <Text size="xs" c="dimmed" ta="center">
            {t('photos.help', { max: MAX_PHOTOS })}
          </Text>
        </Stack>
      </Dropzone>
      {(overflow || error) && (
        <Text size="sm" c="red" role="alert">
          {error ?? t('photos.tooMany', { max: MAX_PHOTOS })}
        </Text>
      )}
      {items.length > 0 && (
        <ul
          className={classes.photoGrid}
          aria-label={t('photos.list')}
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {items.map((item, i) => {
            const src = item.preview ?? item.photo?.thumbUrl ?? null;
            return (
              <li
                key={item.key}
                className={classes.photoTile}
                data-error={item.status === 'error' || undefined}
                data-testid="photo-tile"
                data-status={item.status}
                aria-label={t('photos.item', { n: i + 1, total: items.length })}
              >
                {src && item.status !== 'error' && <img src={src} alt="" />}
                {item.status === 'uploading' && (
                  <div className={classes.photoOverlay}>
                    <Text size="xs" fw={600} ta="center">
                      {t('photos.uploading', { percent: item.progress })}
                    </Text>
                    <Progress value={item.progress} size="sm" aria-label={t('photos.progress')} animated />
                  </div>
                )}
                {item.status === 'error' && (
                  <div className={classes.photoOverlay} style={{ background: 'transparent' }}>
                    <Text size="xs" c="red.8" fw={600} lineClamp={5} role="alert">
                      {item.error?.messages
                        ? item.error.messages[locale]
                        : t(`photos.errors.${item.error?.reason ?? 'generic'}`)}
                    </Text>
                  </div>
                )}
                {i === 0 && item.status === 'done' && (
                  <Badge size="xs" color="forest" className={classes.photoCover}>
                    {t('photos.cover')}
                  </Badge>
                )}
                <ActionIcon
                  className={classes.photoRemove}
                  variant="white"
                  color="red"
                  size="md"
                  radius="xl"
                  onClick={() => uploads.remove(item.key)}
                  aria-label={t('photos.remove', { n: i + 1 })}
                >
                  <span aria-hidden>✕</span>
                </ActionIcon>
                {item.status === 'done' && items.length > 1 && (
                  <div className={classes.photoActions}>
                    <ActionIcon
                      variant="white"
                      size="md"
                      radius="xl"
                      disabled={i === 0}
                      onClick={() => uploads.move(item.key, -1)}
                      aria-label={t('photos.moveBefore', { n: i + 1 })}
                    >
                      <span aria-hidden>←</span>
                    </ActionIcon>
                    <ActionIcon
                      variant="white"
                      size="md"
                      radius="xl"
                      disabled={i === items.length - 1}
                      onClick={() => uploads.move(item.key, 1)}
                      aria-label={t('photos.moveAfter', { n: i + 1 })}
                    >
                      <span aria-hidden>→</span>
                    </ActionIcon>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Stack>
  );
}
