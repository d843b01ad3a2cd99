import { Form, type FormInstance } from 'antd';
import { useSubmit, type Submit, type SubmitOptions } from './use-submit';

/**
 * A form with its submit bookkeeping (useSubmit): after a success the form is cleared (`reset`: true for
 * every field, a list for some, false for none — a dialog that closes needs none), then `onDone` runs.
 */
export function useFormSubmit<V>({ reset = true, onDone, ...options }: SubmitOptions & { reset?: boolean | string[] } = {}): Submit & {
  form: FormInstance<V>;
} {
  const [form] = Form.useForm<V>();
  const submit = useSubmit({
    ...options,
    onDone: () => {
      // Field names as plain paths: antd's typed paths for V cannot be spelled for a generic V.
      if (reset) (form as FormInstance).resetFields(reset === true ? undefined : reset);
      onDone?.();
    },
  });
  return { ...submit, form };
}
