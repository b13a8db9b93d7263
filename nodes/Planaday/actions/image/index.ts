import type { IDataObject } from 'n8n-workflow';

import { idsChecked } from '../../../shared/operations/pathIds';
import type { ResourceDefinition } from '../../../shared/operations/types';
import { IMAGE_ID } from '../../methods/fields';

/** The file extension of an image type (image/png -> png). */
const extensionOf = (mimeType: unknown) => /^image\/([a-z0-9.+-]+)$/i.exec(String(mimeType ?? ''))?.[1]?.replace('jpeg', 'jpg').replace('svg+xml', 'svg') ?? 'img';

export const imageResource: ResourceDefinition = {
	value: 'image',
	name: 'Image',
	operations: [
		{
			value: 'download',
			name: 'Download',
			action: 'Download an image',
			description: 'Get one image as a file, by the ID Course → Get Images lists (a newer Planaday feature, not yet in Planaday’s own documentation)',
			method: 'GET',
			path: '/image/{id}',
			pathParameters: { id: 'imageId' },
			buildBody: idsChecked([{ parameter: 'imageId', label: 'Image ID', shape: IMAGE_ID }]),
			// Planaday sends the image itself, not JSON: asking for JSON is refused.
			headers: { Accept: 'image/*, */*' },
			binary: { fileName: (parameters: IDataObject) => `planaday-image-${String(parameters.id ?? '')}.${extensionOf(parameters.mimeType)}`, mimeType: 'application/octet-stream' },
			properties: [
				{ displayName: 'Image ID', name: 'imageId', type: 'string', required: true, default: '', placeholder: 'e.g. 5f2a9c', description: 'The ID of the image, as Course → Get Images lists it' },
				{ displayName: 'Put Output File in Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, hint: 'The name of the output binary field to put the file in' },
			],
		},
	],
};
