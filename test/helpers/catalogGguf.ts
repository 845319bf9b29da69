// A GGUF header as llama.cpp's converter + llama-quantize write it for a catalog Llama model at a given
// quant (tensor list from the catalog, which its tests check against real headers); tensor data is left
// as a sparse hole, so readers see the real model and file size at no disk cost.
import { catalogEntry, catalogTensors } from '../../src/core/catalog';
import { f32, writeGguf } from './ggufWriter';

/** llama.cpp's LLAMA_FTYPE_MOSTLY_* numbers of the quants the fixtures use. */
const FILE_TYPE: Record<string, number> = { Q8_0: 7, Q4_K_M: 15, Q6_K: 18 };

/** Metadata with the types the converter writes: u32 counts, f32 floats. */
function llamaMetadata(id: string, quant: string): Record<string, unknown> {
  const e = catalogEntry(id)!;
  return {
    'general.architecture': 'llama',
    'general.name': e.name,
    'general.file_type': FILE_TYPE[quant],
    'general.quantization_version': 2,
    'llama.context_length': e.ctxTrain,
    'llama.embedding_length': e.nEmbd,
    'llama.block_count': e.nLayer,
    'llama.feed_forward_length': e.nFf,
    'llama.attention.head_count': e.nHead,
    'llama.attention.head_count_kv': e.nHeadKv,
    'llama.rope.freq_base': f32(500000),
    'llama.attention.layer_norm_rms_epsilon': f32(1e-5),
    'llama.vocab_size': e.nVocab,
    'llama.rope.dimension_count': e.headDim,
    'llama.attention.key_length': e.headDim,
    'llama.attention.value_length': e.headDim,
    'tokenizer.ggml.model': 'gpt2',
    'tokenizer.ggml.pre': 'llama-bpe',
    'tokenizer.ggml.bos_token_id': 128000,
    'tokenizer.ggml.eos_token_id': 128009,
  };
}

/** Writes `out` and returns its size in bytes. */
export function writeCatalogGguf(out: string, id: string, quant: 'Q4_K_M' | 'Q6_K' | 'Q8_0'): number {
  const tensors = catalogTensors(id, quant).map(({ name, type, dims }) => ({ name, type, dims }));
  return writeGguf(out, { metadata: llamaMetadata(id, quant), tensors });
}
