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

/**
 * The form of a dialog that closes itself: a success closes it with onClose(true) (the page reloads), 取消
 * with onClose(false). `dialog` is what FormModal takes from it.
 */
export function useDialogForm<V>(onClose: (done: boolean) => void, options: Omit<SubmitOptions, 'onDone'> = {}) {
  const submit = useFormSubmit<V>({ ...options, reset: false, onDone: () => onClose(true) });
  const { form, busy, error } = submit;
  return { ...submit, dialog: { form, busy, error, onCancel: () => onClose(false) } };
}
